using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Im.Domain.Chat;
using Im.Domain.Files;
using Im.Domain.Notifications;
using Im.Domain.Presence;
using Im.Edge.Chat;
using Im.Edge.Hall;
using Im.Edge.Hosting;
using Im.Hall.Windows;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Im.Edge.Tests.Hosting;

public sealed class HubJsonTests
{
    // Sent by name from the chat edge (ImEvents), so no signature declares them.
    private static readonly Type[] ImEventPayloads =
        [typeof(ChatMessage), typeof(MessageRecall), typeof(MembershipChange), typeof(ReadReceipt), typeof(MemberPresence), typeof(Notification), typeof(TypingEvent)];

    private static readonly DateTimeOffset At = new(2026, 12, 5, 8, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void EveryDeclaredPayloadTypeOfBothHubsHasGeneratedSerializers()
    {
        var missing = PayloadTypes().Where(type => HubJson.Default.GetTypeInfo(type) is null).Select(type => type.Name).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryEnumOnTheHubsWireIsWrittenInCamelCaseAndReadInAnyCaseOrAsANumber()
    {
        var options = Generated().PayloadSerializerOptions;
        var enums = PayloadTypes().SelectMany(Reachable).Where(type => type.IsEnum).Distinct().ToList();

        Assert.Contains(typeof(ConversationKind), enums);
        Assert.Contains(typeof(WindowStatus), enums);
        foreach (var type in enums)
        {
            foreach (var value in Enum.GetValues(type))
            {
                var name = Enum.GetName(type, value)!;
                var wire = $"\"{JsonNamingPolicy.CamelCase.ConvertName(name)}\"";
                Assert.Equal(wire, JsonSerializer.Serialize(value, type, options));
                Assert.Equal(value, JsonSerializer.Deserialize(wire, type, options));
                Assert.Equal(value, JsonSerializer.Deserialize($"\"{name.ToUpperInvariant()}\"", type, options));

                // Grain states (web defaults, no converters) written before these enums named
                // themselves hold PascalCase names or numbers.
                Assert.Equal(value, JsonSerializer.Deserialize($"\"{name}\"", type, JsonSerializerOptions.Web));
                Assert.Equal(value, JsonSerializer.Deserialize(Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), type, JsonSerializerOptions.Web));
            }
        }
    }

    [Fact]
    public void TheRecordsOnTheWireAreTheBytesReflectionWroteBefore()
    {
        var before = new JsonHubProtocol(Options.Create(Reflection()));
        var after = new JsonHubProtocol(Options.Create(Generated()));
        HubMessage[] records =
        [
            new InvocationMessage(ImEvents.Message, [new ChatMessage("d:ann:bob", 7, "ann", "c-7", "你好 \"quoted\" <b>&</b> \u2028", ["bob"], At, 1, At) { Attachments = [new MessageAttachment("f1", "a.png", "image/png", 10)] }]),
            CompletionMessage.WithResult("3", new SendReceipt("d:ann:bob", "c-7", 7, At)),
            CompletionMessage.WithResult("4", new[] { new ConversationListItem("g:1", ConversationKind.Group, "小组", 9, 3, 6, 12, false, 1, 8) }),
            new InvocationMessage(ImEvents.Presence, [new MemberPresence("bob", PresenceStatus.Offline, At)]),
            new InvocationMessage("windowStatusChanged", [new WindowStatusView("h1", "w1", "1号窗口", WindowStatus.Serving, "A001", "t1", At)]),
        ];

        foreach (var record in records)
        {
            Assert.Equal(Write(before, record), Write(after, record));
        }
    }

    [Fact]
    public void ASendIsReadAsReflectionReadIt()
    {
        var binder = new SendMessageBinder();
        var record = """{"type":1,"invocationId":"1","target":"SendMessage","arguments":[{"ConversationId":"d:ann:bob","clientMsgId":"c-8","text":"你好","mentions":["bob"],"attachments":[{"fileId":"f1"}]}]}""" + "\u001e";

        SendMessageRequest Read(JsonHubProtocolOptions options)
        {
            var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(record));
            Assert.True(new JsonHubProtocol(Options.Create(options)).TryParseMessage(ref input, binder, out var message));
            return (SendMessageRequest)Assert.IsType<InvocationMessage>(message).Arguments[0]!;
        }

        var (before, after) = (Read(Reflection()), Read(Generated()));
        Assert.Equal(("d:ann:bob", "c-8", "你好", "bob", "f1"), (after.ConversationId, after.ClientMsgId, after.Text, Assert.Single(after.Mentions!), Assert.Single(after.Attachments!).FileId));
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
    }

    [Fact]
    public void ThePayloadOptionsLeaveTheGeneratedCodeOn()
    {
        var options = Generated().PayloadSerializerOptions;

        // System.Text.Json writes through the generated code only when the options set no
        // converter and no encoder of their own.
        Assert.Same(HubJson.Default, options.TypeInfoResolverChain[0]);
        Assert.Empty(options.Converters);
        Assert.Null(options.Encoder);
    }

    /// <summary>The hubs' payload options as they were configured before the generated serializers.</summary>
    private static JsonHubProtocolOptions Reflection()
    {
        var options = new JsonHubProtocolOptions();
        options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    private static JsonHubProtocolOptions Generated()
    {
        var options = new JsonHubProtocolOptions();
        HubJson.Use(options);
        return options;
    }

    private static string Write(JsonHubProtocol protocol, HubMessage record)
    {
        var output = new ArrayBufferWriter<byte>();
        protocol.WriteMessage(record, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Every hub method's parameters and result, every hall event's argument and the Im events' payloads.</summary>
    private static IEnumerable<Type> PayloadTypes()
    {
        var methods = new[] { typeof(ImHub), typeof(HallHub) }
            .SelectMany(hub => hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => !method.IsSpecialName && method.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .Concat(typeof(IHallClient).GetMethods())
            .ToList();
        Assert.Contains(methods, method => method.Name == nameof(ImHub.SendMessage));

        // Services the hub takes from the container are not on the wire.
        var arguments = methods.SelectMany(method => method.GetParameters()).Select(parameter => parameter.ParameterType)
            .Where(type => !(type.IsInterface && type.Namespace!.StartsWith("Im.", StringComparison.Ordinal)));
        var results = methods.Select(method => method.ReturnType)
            .Where(type => type.IsGenericType)
            .Select(type => type.GetGenericArguments()[0]);
        return arguments.Concat(results).Concat(ImEventPayloads).Select(type => Nullable.GetUnderlyingType(type) ?? type).Distinct();
    }

    /// <summary>The type and every type its public properties and generic arguments reach.</summary>
    private static IEnumerable<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var argument in type.GetGenericArguments())
            {
                pending.Push(argument);
            }

            if (type.Namespace?.StartsWith("Im.", StringComparison.Ordinal) == true)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Push(property.PropertyType);
                }
            }
        }

        return seen;
    }

    private sealed class SendMessageBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [typeof(SendMessageRequest)];

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
