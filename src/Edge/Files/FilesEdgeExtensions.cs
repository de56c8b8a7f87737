using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Im.Edge.Files;

public static class FilesEdgeExtensions
{
    /// <summary>Upload limits from the <c>Files</c> section; storage (<c>AddImStorage</c>) supplies the file and metadata stores.</summary>
    public static WebApplicationBuilder AddImFiles(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(FilesOptions.SectionName).Get<FilesOptions>() ?? new FilesOptions();
        if (options.MaxBytes <= 0)
        {
            throw new InvalidOperationException($"{FilesOptions.SectionName}:MaxBytes must be positive.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
