namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// API keys accepted on <c>/api</c>, from <c>Api:Keys</c>: either a list (<c>Api:Keys:0</c>) or
/// named entries (<c>Api:Keys:ops=...</c>), the name becoming the caller's identity.
/// With no key configured, every <c>/api</c> call is refused (fail closed).
/// </summary>
internal sealed class AuthApiKeyOptions
{
    public const string Section = "Api";

    /// <summary>Shorter keys are refused at start: they could be guessed.</summary>
    public const int MinimumLength = 16;

    public Dictionary<string, string> Keys { get; init; } = new(StringComparer.Ordinal);
}
