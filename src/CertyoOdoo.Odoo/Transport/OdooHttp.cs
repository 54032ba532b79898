using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CertyoOdoo.Odoo.Errors;

namespace CertyoOdoo.Odoo.Transport;

/// <summary>Sends one HTTP request to Odoo with the per-call timeout; maps network failures to transient errors. Never retries.</summary>
internal sealed class OdooHttp(HttpClient http, OdooConnectionOptions options, TimeProvider timeProvider)
{
    private readonly Uri _base = WithSlash(options.Url ?? throw new ArgumentException("The Odoo URL is required.", nameof(options)));

    public OdooConnectionOptions Options { get; } = options;

    public Uri Resolve(string relative) => new(_base, relative);

    /// <summary>Sends, then lets <paramref name="read"/> consume the response within the same timeout.</summary>
    public async Task<T> SendAsync<T>(HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return await read(response, linked.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Ours, or HttpClient.Timeout when it is the shorter one: either way Odoo did not answer in time.
            throw new OdooTransportException($"Odoo did not answer within {Options.Timeout.TotalSeconds:0.#} s.", isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new OdooTransportException($"Odoo could not be reached: {Describe(ex)}.", isTransient: true, ex);
        }
        catch (IOException ex)
        {
            throw new OdooTransportException($"The connection to Odoo broke: {ex.Message}", isTransient: true, ex);
        }
    }

    public static ByteArrayContent Content(byte[] body, int length, string mediaType)
    {
        var content = new ByteArrayContent(body, 0, length);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return content;
    }

    /// <summary>The body of a failed response, capped: error bodies are small, HTML pages are not needed whole.</summary>
    public static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 65_536 ? text[..65_536] : text;
    }

    private static string Describe(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException s when s.SocketErrorCode == SocketError.ConnectionRefused => "connection refused",
        SocketException s when s.SocketErrorCode == SocketError.ConnectionReset => "connection reset",
        SocketException s => s.SocketErrorCode.ToString(),
        _ when ex.StatusCode is { } code => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => ex.HttpRequestError.ToString(),
    };

    private static Uri WithSlash(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The Odoo URL must be absolute.", nameof(url));
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    /// <summary>Statuses that are worth a later retry whatever the protocol.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) => (int)status is 429 or 502 or 503 or 504;
}
