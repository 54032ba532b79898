namespace CertyoOdoo.Web.Intake;

/// <summary><c>Intake</c>: limits of the webhook endpoint.</summary>
internal sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>Bodies larger than this are refused with 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Signed notifications whose timestamp is further than this from now are refused.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
