using System.Globalization;

namespace CertyoOdoo.Web.Jobs;

/// <summary>Turns the configured intervals into Hangfire cron expressions (6 fields when seconds are needed).</summary>
internal static class CronSchedule
{
    private static readonly int[] SixtyDivisors = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
    private static readonly int[] DayDivisors = [1, 2, 3, 4, 6, 8, 12];

    /// <summary>
    /// The cron expression of the largest regular schedule not longer than <paramref name="interval"/>:
    /// 45 s → every 30 s, 7 min → every 6 min, 5 h → every 4 h, 2 days → daily.
    /// </summary>
    public static string For(TimeSpan interval)
    {
        if (interval < TimeSpan.FromMinutes(1))
        {
            return Invariant($"*/{Largest(SixtyDivisors, (int)Math.Max(1, interval.TotalSeconds))} * * * * *");
        }

        if (interval < TimeSpan.FromHours(1))
        {
            return Invariant($"*/{Largest(SixtyDivisors, (int)interval.TotalMinutes)} * * * *");
        }

        return interval < TimeSpan.FromDays(1)
            ? Invariant($"0 */{Largest(DayDivisors, (int)interval.TotalHours)} * * *")
            : "0 0 * * *";
    }

    private static int Largest(int[] divisors, int atMost) => divisors.Last(d => d <= atMost);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
