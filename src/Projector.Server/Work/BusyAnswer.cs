using System.Globalization;

namespace Projector.Server.Work;

/// <summary>
/// Answers a <see cref="ServerBusyException"/> of the endpoints it is added to with 503, a Retry-After
/// header (whole seconds) and problem+json; also declares the 503 in the OpenAPI document.
/// </summary>
internal sealed class BusyAnswer : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ServerBusyException e)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds));
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>Adds <see cref="BusyAnswer"/> to an endpoint.</summary>
internal static class BusyAnswerExtensions
{
    /// <summary>Answers 503 with Retry-After when the endpoint's work is refused for want of room.</summary>
    public static RouteHandlerBuilder AnswersBusy(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<BusyAnswer>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
