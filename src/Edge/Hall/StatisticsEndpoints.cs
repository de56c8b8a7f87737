using System.Globalization;
using Im.Actors;
using Im.Domain.Errors;
using Im.Edge.Auth;
using Im.Hall.Halls;
using Im.Hall.Statistics;
using Microsoft.Net.Http.Headers;

namespace Im.Edge.Hall;

/// <summary>
/// Hall REST, statistics (hall staff, admins and supervisors): a day's figures per queue and
/// per window, as JSON or as a CSV file for a spreadsheet.
/// </summary>
internal static class StatisticsEndpoints
{
    public static RouteGroupBuilder MapImHallStatistics(this RouteGroupBuilder halls)
    {
        halls.MapGet("/{hallId}/stats", async (string hallId, string? day, HttpContext context, IGrainFactory grains, HallAccess access, HallStatistics statistics, TimeProvider time) =>
        {
            var figures = await ReadAsync(hallId, day, context, grains, access, statistics, time);
            return HallJson.Ok(new StatisticsView(
                figures.HallId,
                figures.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [.. figures.Queues.Select(StatisticsRowView.From)],
                [.. figures.Windows.Select(StatisticsRowView.From)]));
        });
        halls.MapGet("/{hallId}/stats/csv", async (string hallId, string? day, HttpContext context, IGrainFactory grains, HallAccess access, HallStatistics statistics, TimeProvider time) =>
        {
            var figures = await ReadAsync(hallId, day, context, grains, access, statistics, time);
            var name = $"hall-{figures.HallId}-{figures.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
            context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
            return Results.Text(HallStatisticsCsv.Write(figures.Rows), "text/csv; charset=utf-8");
        });
        return halls;
    }

    private static async Task<HallDayStatistics> ReadAsync(
        string hallId, string? day, HttpContext context, IGrainFactory grains, HallAccess access, HallStatistics statistics, TimeProvider time)
    {
        HallInputs.Id(hallId, "hallId");
        DateOnly? date = null;
        if (day is not null)
        {
            date = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new HallInputException("day", "a date yyyy-MM-dd (the hall's local date)");
        }

        // Supervisors watch the figures without working a window; the hall lists them.
        if (await access.RoleOfAsync(context.User, hallId) < HallRole.Staff
            && !(await grains.GetGrain<IHallGrain>(hallId).GetAsync()).People.Supervisors.Contains(context.User.MemberId(), StringComparer.Ordinal))
        {
            throw new DomainException(ErrorCodes.Forbidden, $"statistics are for the staff, admins and supervisors of hall '{hallId}'");
        }

        return date is { } chosen
            ? await statistics.ForDayAsync(hallId, chosen, context.RequestAborted)
            : await statistics.TodayAsync(hallId, time, context.RequestAborted);
    }
}
