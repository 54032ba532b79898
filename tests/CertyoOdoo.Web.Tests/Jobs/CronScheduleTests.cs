using CertyoOdoo.Web.Jobs;

namespace CertyoOdoo.Web.Tests.Jobs;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("00:00:01", "*/1 * * * * *")]
    [InlineData("00:00:15", "*/15 * * * * *")]
    [InlineData("00:00:45", "*/30 * * * * *")]
    [InlineData("00:00:00.200", "*/1 * * * * *")]
    [InlineData("00:01:00", "*/1 * * * *")]
    [InlineData("00:05:00", "*/5 * * * *")]
    [InlineData("00:07:00", "*/6 * * * *")]
    [InlineData("01:00:00", "0 */1 * * *")]
    [InlineData("05:00:00", "0 */4 * * *")]
    [InlineData("2.00:00:00", "0 0 * * *")]
    public void An_interval_becomes_the_largest_regular_schedule_not_longer(string interval, string cron) =>
        Assert.Equal(cron, CronSchedule.For(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));
}
