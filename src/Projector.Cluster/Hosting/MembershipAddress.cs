using System.Globalization;
using StackExchange.Redis;

namespace Projector.Cluster.Hosting;

/// <summary>The Redis server that holds the cluster's membership table (<c>redis://HOST:PORT</c>).</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
public sealed record MembershipAddress(string Host, int Port)
{
    /// <summary>The address as given on the command line.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"redis://{Host}:{Port}");

    /// <summary>The StackExchange.Redis connection options of this address.</summary>
    public ConfigurationOptions ToRedisOptions()
    {
        var options = new ConfigurationOptions { AbortOnConnectFail = false, ConnectTimeout = 5_000 };
        options.EndPoints.Add(Host, Port);
        return options;
    }

    /// <summary>Parses <c>redis://HOST:PORT</c> (the port defaults to 6379).</summary>
    /// <exception cref="ClusterInputException">The text is not such an address.</exception>
    public static MembershipAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || uri.Host.Length == 0 || uri.AbsolutePath is not ("" or "/"))
        {
            throw new ClusterInputException($"--membership '{text}' is not a Redis address: write it as redis://HOST:PORT, e.g. redis://127.0.0.1:6379");
        }

        return new MembershipAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
    }

    /// <summary>Checks that the server answers, so a wrong address is one clear line rather than Orleans retrying for minutes.</summary>
    /// <exception cref="ClusterInputException">No Redis server answers there.</exception>
    public async Task EnsureReachable(CancellationToken cancellationToken)
    {
        var options = ToRedisOptions();
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        try
        {
            using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
            await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            throw new ClusterInputException($"no Redis server answers at {this} (--membership): start one there (redis-server --port {Port}) or give the address of the cluster's");
        }
    }
}
