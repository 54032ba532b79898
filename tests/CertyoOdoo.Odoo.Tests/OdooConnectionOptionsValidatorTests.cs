namespace CertyoOdoo.Odoo.Tests;

public sealed class OdooConnectionOptionsValidatorTests
{
    [Fact]
    public void Complete_options_pass_and_gaps_are_named_without_the_key()
    {
        var validator = new OdooConnectionOptionsValidator();
        var good = new OdooConnectionOptions { Url = new Uri("https://acme.odoo.com"), Database = "acme", Login = "bot", ApiKey = "k-secret-123" };
        Assert.True(validator.Validate(null, good).Succeeded);

        var bad = validator.Validate(null, new OdooConnectionOptions { Url = new Uri("/relative", UriKind.Relative), ApiKey = "k-secret-123", Timeout = TimeSpan.Zero });
        Assert.True(bad.Failed);
        Assert.Equal(4, bad.Failures!.Count());
        Assert.DoesNotContain("k-secret-123", bad.FailureMessage, StringComparison.Ordinal);
    }
}
