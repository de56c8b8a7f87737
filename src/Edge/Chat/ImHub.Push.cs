using Im.Domain.Notifications;
using Im.Domain.Push;

namespace Im.Edge.Chat;

public sealed partial class ImHub
{
    public Task<NotificationPage> GetNotifications(GetNotificationsRequest? request) =>
        Inbox.ListAsync(new NotificationQuery(request?.AfterCreatedAt, request?.Limit));

    public async Task<UnreadNotifications> MarkNotificationsRead(MarkNotificationsReadRequest request)
    {
        Require(request, nameof(request));
        return new UnreadNotifications(await Inbox.MarkReadAsync(request.Ids ?? []));
    }

    /// <summary>
    /// Records the device and binds its token to this connection: while the connection is
    /// open the device gets events over it, and no mobile push.
    /// </summary>
    public async Task RegisterDevice(RegisterDeviceRequest request)
    {
        Require(request, nameof(request));
        await Devices.RegisterAsync(request.Token, request.Platform);
        devices.Bind(Context.ConnectionId, MemberId, request.Token);
    }

    public async Task UnregisterDevice(UnregisterDeviceRequest request)
    {
        Require(request, nameof(request));
        devices.Unbind(Context.ConnectionId, request.Token);
        await Devices.UnregisterAsync(request.Token);
    }

    public Task MuteConversation(MuteConversationRequest request)
    {
        Require(request, nameof(request));
        return Devices.SetMutedAsync(request.ConversationId, request.Muted);
    }

    private INotificationInboxGrain Inbox => grains.GetGrain<INotificationInboxGrain>(MemberId);

    private IDeviceRegistryGrain Devices => grains.GetGrain<IDeviceRegistryGrain>(MemberId);
}
