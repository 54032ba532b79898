using Microsoft.AspNetCore.Http.HttpResults;

namespace CertyoOdoo.Web.Endpoints;

/// <summary>Problems for failures of Odoo or Certyo during an API call (their exceptions never carry secrets).</summary>
internal static class ApiUpstream
{
    public static ProblemHttpResult OdooFailed(Exception ex) => TypedResults.Problem(
        statusCode: StatusCodes.Status502BadGateway,
        title: "Odoo call failed",
        detail: $"{ex.GetType().Name}: {ex.Message}");

    public static ProblemHttpResult CertyoFailed(Exception ex) => TypedResults.Problem(
        statusCode: StatusCodes.Status502BadGateway,
        title: "Certyo call failed",
        detail: $"{ex.GetType().Name}: {ex.Message}");
}
