namespace Projector.Server;

/// <summary>
/// Keeps other web sites open in the same browser away from a server on this machine. A page from
/// elsewhere can make the browser send requests to 127.0.0.1 (uploads, projection jobs, WebSockets,
/// which no CORS rule stops), and a DNS name pointed at 127.0.0.1 can read answers as if it were
/// this site. So, unless the server was opened to the network with <c>--allow-remote</c>: the Host
/// header must name this machine (localhost, a loopback address), and a request that changes
/// something or opens a WebSocket must come from a page of the same origin when the browser says
/// where it comes from.
/// </summary>
internal sealed class CrossSiteGuard(RequestDelegate next, ServerOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!options.AllowRemote && !ProjectorServer.IsLoopback(context.Request.Host.Host))
        {
            throw new ApiProblem(
                StatusCodes.Status403Forbidden,
                $"This server answers only requests addressed to this machine (127.0.0.1 or localhost), not to '{context.Request.Host.Host}'; start it with --host and --allow-remote to serve other names.");
        }

        var changes = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        if ((changes || context.WebSockets.IsWebSocketRequest) && context.Request.Headers.Origin is [{ } origin] && !SameOrigin(origin, context.Request))
        {
            throw new ApiProblem(
                StatusCodes.Status403Forbidden,
                $"Requests from the page at {origin} are refused: only the page this server serves may change data or start projections.");
        }

        return next(context);
    }

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
