using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Domain.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>
    /// Registers word list review: <see cref="ReviewOptions"/> bound to
    /// <paramref name="reviewSection"/> (with <paramref name="defaultDirectory"/> when it
    /// names no directory), the <see cref="WordListReviewer"/> as <see cref="IContentReviewer"/>,
    /// and the <see cref="WordListReloader"/> as a hosted service that loads the lists at
    /// start and watches for changes. The audit log is storage's to register.
    /// </summary>
    public static IServiceCollection AddImReview(this IServiceCollection services, IConfiguration reviewSection, string defaultDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(reviewSection);
        ArgumentException.ThrowIfNullOrEmpty(defaultDirectory);
        services.AddOptions<ReviewOptions>()
            .Bind(reviewSection)
            .PostConfigure(o => o.WordListDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(o.WordListDirectory) ? defaultDirectory : o.WordListDirectory));
        services.AddSingleton<WordListReviewer>();
        services.AddSingleton<IContentReviewer>(provider => provider.GetRequiredService<WordListReviewer>());
        services.AddSingleton<WordListReloader>();
        services.AddHostedService(provider => provider.GetRequiredService<WordListReloader>());
        return services;
    }
}
