namespace CertyoOdoo.Odoo.Transport;

/// <summary>Removes the API key from text that came back from the server before it reaches logs or exceptions.</summary>
internal sealed class SecretScrubber(string secret)
{
    public string Scrub(string text) =>
        secret.Length == 0 || string.IsNullOrEmpty(text) ? text : text.Replace(secret, "***", StringComparison.Ordinal);
}
