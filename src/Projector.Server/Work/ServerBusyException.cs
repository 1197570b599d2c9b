namespace Projector.Server.Work;

/// <summary>
/// The server has more heavy work waiting than it queues: answered 503 with a Retry-After header and the
/// message as the one-sentence detail (see <see cref="BusyAnswer"/>).
/// </summary>
public sealed class ServerBusyException : Exception
{
    /// <summary>Creates the exception with its sentence and the wait to ask for.</summary>
    public ServerBusyException(string message, TimeSpan retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the caller should wait before trying again.</summary>
    public TimeSpan RetryAfter { get; }
}
