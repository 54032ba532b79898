namespace CertyoOdoo.Web.Jobs;

/// <summary>Doubling delays with a cap (attempt 1 waits <c>first</c>).</summary>
internal static class Backoff
{
    public static TimeSpan Delay(TimeSpan first, TimeSpan max, int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = first.Ticks * Math.Pow(2, exponent);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
