namespace Projector.Server;

/// <summary>
/// A request the caller can fix: becomes an <c>application/problem+json</c> answer with
/// <see cref="Status"/> and the message as its one-sentence detail.
/// </summary>
public sealed class ApiProblem : Exception
{
    /// <summary>Creates a problem with an HTTP status and a readable sentence.</summary>
    public ApiProblem(int status, string detail)
        : base(detail)
    {
        Status = status;
    }

    /// <summary>The HTTP status (4xx, or 507 for a full state folder).</summary>
    public int Status { get; }

    /// <summary>404: something the caller named does not exist.</summary>
    public static ApiProblem NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    /// <summary>400: a bad parameter or body.</summary>
    public static ApiProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);

    /// <summary>409: what the caller asks for does not fit the state it names (e.g. a layout not finished yet).</summary>
    public static ApiProblem Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    /// <summary>413: a body, or what it would add to the server's state, is over a limit.</summary>
    public static ApiProblem TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, detail);

    /// <summary>507: the server's state is full and nothing in it can be removed to make room now.</summary>
    public static ApiProblem InsufficientStorage(string detail) => new(StatusCodes.Status507InsufficientStorage, detail);
}
