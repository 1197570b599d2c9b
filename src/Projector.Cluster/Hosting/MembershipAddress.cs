namespace Projector.Cluster.Hosting;

/// <summary>
/// Where the cluster's membership table lives: a Redis server (<see cref="RedisMembership"/>) or a
/// PostgreSQL database (<see cref="PostgresMembership"/>). Silos and clients of one cluster name the same one.
/// </summary>
public abstract record MembershipAddress
{
    /// <summary>The forms <c>--membership</c> takes, for messages.</summary>
    internal const string Forms = "redis://HOST:PORT or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (the password may come from PGPASSWORD instead), e.g. redis://127.0.0.1:6379 or postgres://projector@127.0.0.1:5432/projector";

    // Closed to this assembly: silos and clients are configured by the cases here.
    private protected MembershipAddress()
    {
    }

    /// <summary>
    /// Parses <c>redis://HOST:PORT</c> or <c>postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE</c> (also
    /// <c>postgresql://</c>); a PostgreSQL password not in the text is taken from <c>PGPASSWORD</c>.
    /// </summary>
    /// <exception cref="ClusterInputException">The text is neither.</exception>
    public static MembershipAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scheme = text.Split("://", 2)[0];
        return scheme switch
        {
            RedisMembership.Scheme => RedisMembership.Parse(text),
            PostgresMembership.Scheme or PostgresMembership.LongScheme => PostgresMembership.Parse(text, Environment.GetEnvironmentVariable("PGPASSWORD")),
            _ => throw Invalid(text, "is not a membership address"),
        };
    }

    /// <summary>Checks that the server answers (and, for PostgreSQL, that the membership schema is in place), so a wrong address is one clear line rather than Orleans retrying for minutes.</summary>
    /// <exception cref="ClusterInputException">The server does not answer or refuses the connection; the message says what to do.</exception>
    public abstract Task EnsureReachable(CancellationToken cancellationToken);

    /// <summary>Makes the silo keep its membership here.</summary>
    internal abstract void ConfigureSilo(ISiloBuilder silo);

    /// <summary>Makes the client find the silos' gateways here.</summary>
    internal abstract void ConfigureClient(IClientBuilder client);

    /// <summary>The error for text that is no membership address, with any password in it masked.</summary>
    internal static ClusterInputException Invalid(string text, string problem) =>
        new($"--membership '{Redact(text)}' {problem}: write {Forms}");

    /// <summary>The text with the password of its user part, if any, replaced by <c>***</c>.</summary>
    internal static string Redact(string text)
    {
        var start = text.IndexOf("://", StringComparison.Ordinal);
        // The last '@': a password with an unescaped '@' or '/' in it is still masked whole.
        var at = text.LastIndexOf('@');
        if (start < 0 || at < start)
        {
            return text;
        }

        var colon = text.IndexOf(':', start + 3);
        return colon >= 0 && colon < at ? string.Concat(text.AsSpan(0, colon + 1), "***", text.AsSpan(at)) : text;
    }
}
