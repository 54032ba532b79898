using Microsoft.AspNetCore.Authentication;

namespace CertyoOdoo.Web.Hosting;

/// <summary>Composition of the API-key scheme for <c>/api</c> and the dashboard's credentials.</summary>
internal static class AuthExtensions
{
    /// <summary>Registers the <c>ApiKey</c> scheme, the <c>Api</c> policy and the dashboard options.</summary>
    public static IHostApplicationBuilder AddApiAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<AuthApiKeyOptions>()
            .BindConfiguration(AuthApiKeyOptions.Section)
            .Validate(o => o.Keys.Values.All(k => k.Length >= AuthApiKeyOptions.MinimumLength),
                $"Every Api:Keys entry must be at least {AuthApiKeyOptions.MinimumLength} characters (generate one with: openssl rand -hex 24).")
            .ValidateOnStart();
        builder.Services.AddHostedService<AuthStartupWarnings>();
        builder.Services.AddOptions<AuthDashboardOptions>()
            .BindConfiguration(AuthDashboardOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.Username) == string.IsNullOrEmpty(o.Password),
                "Dashboard:Username and Dashboard:Password go together: set both or neither.")
            .Validate(o => o.ReadOnlyUsers.Values.All(p => !string.IsNullOrEmpty(p)),
                "Every Dashboard:ReadOnlyUsers entry needs a non-empty password.")
            .ValidateOnStart();

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AuthApiKeyHandler>(AuthApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthApiKeyHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(AuthApiKeyHandler.SchemeName)
                .RequireAuthenticatedUser());
        return builder;
    }
}
