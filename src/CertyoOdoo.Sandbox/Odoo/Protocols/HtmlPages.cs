using Microsoft.AspNetCore.Http.HttpResults;

namespace CertyoOdoo.Sandbox.Odoo.Protocols;

/// <summary>HTML error pages as werkzeug (Odoo) and nginx (a proxy in front of it) send them.</summary>
internal static class HtmlPages
{
    public static IResult NotFound() => Page(404, """
        <!doctype html>
        <html lang=en>
        <title>404 Not Found</title>
        <h1>Not Found</h1>
        <p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>

        """);

    public static IResult UnsupportedMediaType() => Page(415, """
        <!doctype html>
        <html lang=en>
        <title>415 Unsupported Media Type</title>
        <h1>Unsupported Media Type</h1>
        <p>The server does not support the media type transmitted in the request.</p>

        """);

    public static IResult Proxy(TransientFailure failure)
    {
        var (status, title) = failure == TransientFailure.BadGateway ? (502, "502 Bad Gateway") : (503, "503 Service Temporarily Unavailable");
        return Page(status, $"""
            <html>
            <head><title>{title}</title></head>
            <body>
            <center><h1>{title}</h1></center>
            <hr><center>nginx</center>
            </body>
            </html>

            """);
    }

    private static ContentHttpResult Page(int status, string html) => TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
