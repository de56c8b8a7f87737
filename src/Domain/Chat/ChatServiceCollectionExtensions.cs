using Im.Domain.Push;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Im.Domain.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers what conversations need besides storage: <see cref="ChatOptions"/> bound to
    /// <paramref name="chatSection"/> (limits must be positive; a host checks them at start) and,
    /// unless one is registered already, the in-process <see cref="LocalEdgeDirectory"/>;
    /// and mobile push (<see cref="PushServiceCollectionExtensions.AddImPush"/>).
    /// </summary>
    public static IServiceCollection AddImChat(this IServiceCollection services, IConfiguration chatSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(chatSection);
        services.AddOptions<ChatOptions>()
            .Bind(chatSection)
            .Validate(HasPositiveLimits, $"{ChatOptions.SectionName} limits must be positive (MaxMentions may be 0, the recall and edit windows too), DefaultHistoryPage at most MaxHistoryPage, DefaultReadByPage at most MaxReadByPage")
            .ValidateOnStart();
        services.TryAddSingleton<IEdgeDirectory, LocalEdgeDirectory>();
        services.AddImPush();
        return services;
    }

    private static bool HasPositiveLimits(ChatOptions o) =>
        o.MaxGroupMembers > 0 && o.MaxRoomMembers > 0 && o.MaxTextLength > 0 && o.MaxMentions >= 0
        && o.MaxTitleLength > 0 && o.MaxClientMsgIdLength > 0 && o.DefaultHistoryPage > 0
        && o.MaxHistoryPage >= o.DefaultHistoryPage
        && o.DefaultReadByPage > 0 && o.MaxReadByPage >= o.DefaultReadByPage && o.PresenceGroupLimit >= 0
        && o.RecallWindow >= TimeSpan.Zero && o.EditWindow >= TimeSpan.Zero && o.MaxMentionScan > 0 && o.MaxPreloadedClientMsgIds >= 0;
}
