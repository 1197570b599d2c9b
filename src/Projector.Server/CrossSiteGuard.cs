using Microsoft.Extensions.Primitives;

namespace Projector.Server;

/// <summary>
/// Keeps other web sites open in the same browser away from a server on this machine. A page from
/// elsewhere can make the browser send requests to 127.0.0.1 (uploads, projection jobs, WebSockets,
/// which no CORS rule stops), and a DNS name pointed at 127.0.0.1 can read answers as if it were
/// this site. So, unless the server was opened to the network with <c>--allow-remote</c>: the Host
/// header must name this machine (localhost, a loopback address); and a request that changes
/// something or opens a WebSocket is refused when the browser says it comes from another page: an
/// <c>Origin</c> of another site (or <c>null</c>, or more than one <c>Origin</c> header), or
/// <c>Sec-Fetch-Site</c> other than same-origin. A client that sends neither (curl, a script) is not
/// a browser carrying the user's trust and is served. The upgrade is recognised from its own headers,
/// so the rule holds wherever this middleware sits relative to <c>UseWebSockets</c>.
/// </summary>
internal sealed class CrossSiteGuard(RequestDelegate next, ServerOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!options.AllowRemote && !ProjectorServer.IsLoopback(request.Host.Host))
        {
            var named = request.Host.Host.Length == 0 ? "no host" : $"'{request.Host.Host}'";
            throw new ApiProblem(
                StatusCodes.Status403Forbidden,
                $"This server answers only requests addressed to this machine (127.0.0.1 or localhost), not to {named}; start it with --host and --allow-remote to serve other names.");
        }

        var changes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
        if ((changes || IsUpgrade(context)) && Foreign(request) is { } from)
        {
            throw new ApiProblem(
                StatusCodes.Status403Forbidden,
                $"Requests from {from} are refused: only the page this server serves may change data, start projections or open their frames.");
        }

        return next(context);
    }

    /// <summary>Why the request looks like it comes from another page, or null when it does not.</summary>
    private static string? Foreign(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        if (origins.Count > 1)
        {
            return "a request with several Origin headers";
        }

        if (origins.Count == 1 && !SameOrigin(origins[0], request))
        {
            return $"the page at {origins[0]}";
        }

        var site = request.Headers["Sec-Fetch-Site"];
        return site.Count > 0 && !(site.Count == 1 && site[0] is "same-origin" or "none")
            ? $"a page of another site (Sec-Fetch-Site: {site})"
            : null;
    }

    private static bool IsUpgrade(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || Contains(context.Request.Headers.Upgrade, "websocket")
        || Contains(context.Request.Headers.Connection, "upgrade")
        || HttpMethods.IsConnect(context.Request.Method);

    private static bool Contains(StringValues values, string token) =>
        values.Any(v => v is not null && v.Split(',').Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase)));

    private static bool SameOrigin(string? origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
