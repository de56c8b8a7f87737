using Im.Domain.Chat;
using Im.Hall.Halls;
using Im.Hall.Hosting;
using Im.Hall.Notices;
using Im.Hall.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Im.Hall.Tests;

public sealed class HallRegistrationTests
{
    [Fact]
    public void AddImHallBindsTheHallSectionAndRegistersTheNotifierStatisticsAndEdgeDirectory()
    {
        var services = new ServiceCollection().AddImHall(Configuration(new()
        {
            ["Hall:GetReadyCount"] = "5",
            ["Hall:PauseAlertAfter"] = "00:07:00",
            ["Hall:TransferKeepsPlace"] = "false",
            ["Hall:DefaultTimeZone"] = "Europe/Berlin",
        }));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<HallOptions>>().Value;

        Assert.Equal((5, TimeSpan.FromMinutes(7), false, "Europe/Berlin"), (options.GetReadyCount, options.PauseAlertAfter, options.TransferKeepsPlace, options.DefaultTimeZone));
        Assert.Contains(services, d => d.ServiceType == typeof(IHallNotifier) && d.ImplementationType == typeof(InboxHallNotifier));
        Assert.Contains(services, d => d.ServiceType == typeof(HallStatistics));
        Assert.NotNull(provider.GetRequiredService<HallEdgeDirectory>());
        Assert.IsType<LocalEdgeDirectory>(provider.GetRequiredService<IEdgeDirectory>());
    }

    [Theory]
    [InlineData("Hall:DefaultTimeZone", "Nowhere/City")]
    [InlineData("Hall:PauseAlertAfter", "00:00:00")]
    [InlineData("Hall:GetReadyCount", "-1")]
    [InlineData("Hall:MaxDailyQuota", "0")]
    public void SettingsOutOfRangeFailValidation(string key, string value)
    {
        using var provider = new ServiceCollection().AddImHall(Configuration(new() { [key] = value })).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HallOptions>>().Value);
    }

    [Fact]
    public void ANotifierRegisteredFirstIsKept()
    {
        var services = new ServiceCollection().AddSingleton<IHallNotifier, SilentNotifier>();

        services.AddImHall(Configuration([]));

        Assert.Equal(typeof(SilentNotifier), Assert.Single(services, d => d.ServiceType == typeof(IHallNotifier)).ImplementationType);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class SilentNotifier : IHallNotifier
    {
        public Task NotifyAsync(string memberId, HallNotice notice, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
