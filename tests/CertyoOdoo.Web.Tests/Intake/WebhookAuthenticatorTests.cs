using System.Text;
using CertyoOdoo.Web.Intake;

namespace CertyoOdoo.Web.Tests.Intake;

public sealed class WebhookAuthenticatorTests
{
    private const string Secret = "a-webhook-secret-0123456789";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"db\":\"odoo\",\"model\":\"stock.picking\",\"ids\":[7]}");

    private static string Ts(DateTimeOffset t) => t.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_correct_signature_within_the_window_is_accepted()
    {
        var ts = Ts(Now.AddMinutes(-4));
        Assert.Null(WebhookAuthenticator.CheckSignature(Secret, ts, WebhookAuthenticator.SignatureFor(Secret, ts, Body), Body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void The_signature_matches_what_the_module_computes()
    {
        // Python: hmac.new(b"k", b"1700000000." + b"{}", hashlib.sha256).hexdigest()
        Assert.Equal(
            "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("k"u8, "1700000000.{}"u8)),
            WebhookAuthenticator.SignatureFor("k", "1700000000", "{}"u8));
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_refused()
    {
        var ts = Ts(Now);
        var error = WebhookAuthenticator.CheckSignature(Secret, ts, WebhookAuthenticator.SignatureFor("another-secret-0123456789", ts, Body), Body, Now, TimeSpan.FromMinutes(5));
        Assert.Equal("The signature does not match the body.", error);
    }

    [Fact]
    public void A_changed_body_is_refused()
    {
        var ts = Ts(Now);
        var signature = WebhookAuthenticator.SignatureFor(Secret, ts, Body);
        var tampered = Encoding.UTF8.GetBytes("{\"db\":\"odoo\",\"model\":\"stock.picking\",\"ids\":[8]}");
        Assert.NotNull(WebhookAuthenticator.CheckSignature(Secret, ts, signature, tampered, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_stale_timestamp_is_refused_even_with_a_good_signature()
    {
        var ts = Ts(Now.AddMinutes(-6));
        var error = WebhookAuthenticator.CheckSignature(Secret, ts, WebhookAuthenticator.SignatureFor(Secret, ts, Body), Body, Now, TimeSpan.FromMinutes(5));
        Assert.Contains("older than 5 minutes", error);
    }

    [Fact]
    public void A_timestamp_far_in_the_future_is_refused()
    {
        var ts = Ts(Now.AddMinutes(10));
        var error = WebhookAuthenticator.CheckSignature(Secret, ts, WebhookAuthenticator.SignatureFor(Secret, ts, Body), Body, Now, TimeSpan.FromMinutes(5));
        Assert.Contains("in the future", error);
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("12.5", "sha256=00")]
    [InlineData("now", "sha256=00")]
    public void Malformed_timestamps_are_refused(string? ts, string signature) =>
        Assert.NotNull(WebhookAuthenticator.CheckSignature(Secret, ts, signature, Body, Now, TimeSpan.FromMinutes(5)));

    [Theory]
    [InlineData("")]
    [InlineData("md5=abc")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void Malformed_signatures_are_refused(string signature) =>
        Assert.Contains("sha256=<64 hex digits>", WebhookAuthenticator.CheckSignature(Secret, Ts(Now), signature, Body, Now, TimeSpan.FromMinutes(5)));

    [Fact]
    public void The_token_must_be_the_secret()
    {
        Assert.Null(WebhookAuthenticator.CheckToken(Secret, Secret));
        Assert.NotNull(WebhookAuthenticator.CheckToken(Secret, Secret + "x"));
        Assert.NotNull(WebhookAuthenticator.CheckToken(Secret, Secret[..^1]));
        Assert.Contains("Missing authentication", WebhookAuthenticator.CheckToken(Secret, null));
    }

    [Fact]
    public void Errors_never_contain_the_secret()
    {
        var ts = Ts(Now);
        Assert.DoesNotContain(Secret, WebhookAuthenticator.CheckSignature(Secret, ts, "sha256=" + new string('0', 64), Body, Now, TimeSpan.FromMinutes(5)));
        Assert.DoesNotContain(Secret, WebhookAuthenticator.CheckToken(Secret, "wrong"));
    }
}
