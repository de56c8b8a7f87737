using System.Text.Json.Serialization;
using Im.Domain.Chat;
using Im.Domain.Notifications;
using Im.Domain.Presence;
using Im.Edge.Chat;
using Im.Edge.Hall;
using Im.Hall.Halls;
using Im.Hall.Queues;
using Im.Hall.Windows;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Hosting;

/// <summary>
/// The payloads of <c>/hubs/im</c> and <c>/hubs/hall</c> (arguments, results, events), with
/// serializers generated at build time: written by generated code instead of the reflection
/// serializer's converters, read from metadata made at build time instead of on first use.
/// </summary>
/// <remarks>
/// <para>The options are SignalR's (camelCase names, case-insensitive reading) and the bytes
/// on the wire are the same as before: SignalR writes each record with a writer of its own,
/// whose relaxed escaping leaves Chinese text as UTF-8 either way. A type missing here still
/// works, through the reflection resolver behind this one; <c>HubJsonTests</c> checks that
/// every declared payload type of both hubs is here.</para>
/// <para>Enums carry their wire names on their types (<see cref="Im.Domain.Json.CamelCaseEnumConverter{TEnum}"/>):
/// System.Text.Json uses the generated code only while the options set no converter and no
/// encoder of their own.</para>
/// </remarks>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendReceipt))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ConversationRef))]
[JsonSerializable(typeof(CreateGroupRequest))]
[JsonSerializable(typeof(CreateRoomRequest))]
[JsonSerializable(typeof(GetHistoryRequest))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(RecallMessageRequest))]
[JsonSerializable(typeof(MessageRecall))]
[JsonSerializable(typeof(EditMessageRequest))]
[JsonSerializable(typeof(IReadOnlyList<ConversationListItem>))]
[JsonSerializable(typeof(MarkReadRequest))]
[JsonSerializable(typeof(ReadPosition))]
[JsonSerializable(typeof(ReadReceipt))]
[JsonSerializable(typeof(GetReadByRequest))]
[JsonSerializable(typeof(ReadByPage))]
[JsonSerializable(typeof(ConversationInfo))]
[JsonSerializable(typeof(MembersRequest))]
[JsonSerializable(typeof(MemberRequest))]
[JsonSerializable(typeof(SetRoleRequest))]
[JsonSerializable(typeof(RenameRequest))]
[JsonSerializable(typeof(IReadOnlyList<ConversationMember>))]
[JsonSerializable(typeof(MembershipChange))]
[JsonSerializable(typeof(TypingEvent))]
[JsonSerializable(typeof(GetPresenceRequest))]
[JsonSerializable(typeof(IReadOnlyList<MemberPresence>))]
[JsonSerializable(typeof(MemberPresence))]
[JsonSerializable(typeof(GetNotificationsRequest))]
[JsonSerializable(typeof(NotificationPage))]
[JsonSerializable(typeof(MarkNotificationsReadRequest))]
[JsonSerializable(typeof(UnreadNotifications))]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(RegisterDeviceRequest))]
[JsonSerializable(typeof(UnregisterDeviceRequest))]
[JsonSerializable(typeof(MuteConversationRequest))]
[JsonSerializable(typeof(SearchMessagesRequest))]
[JsonSerializable(typeof(SearchMessagesResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(HallSnapshot))]
[JsonSerializable(typeof(HallCall))]
[JsonSerializable(typeof(WindowStatusView))]
[JsonSerializable(typeof(QueueStats))]
public sealed partial class HubJson : JsonSerializerContext
{
    /// <summary>
    /// Puts these serializers first in SignalR's payload options, and drops the options'
    /// encoder, which would turn them off: SignalR's record writer escapes with its own.
    /// </summary>
    public static void Use(JsonHubProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, Default);
        options.PayloadSerializerOptions.Encoder = null;
    }
}
