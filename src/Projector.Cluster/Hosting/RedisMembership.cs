using System.Globalization;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Projector.Cluster.Hosting;

/// <summary>The Redis server that holds the cluster's membership table (<c>redis://HOST:PORT</c>).</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
public sealed record RedisMembership(string Host, int Port) : MembershipAddress
{
    /// <summary>The URL scheme of a Redis address.</summary>
    public const string Scheme = "redis";

    /// <summary>Redis' usual port.</summary>
    public const int DefaultPort = 6379;

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
    public static new RedisMembership Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Scheme || uri.Host.Length == 0 || uri.AbsolutePath is not ("" or "/"))
        {
            throw Invalid(text, "is not a Redis address");
        }

        return new RedisMembership(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
    }

    /// <inheritdoc />
    public override async Task EnsureReachable(CancellationToken cancellationToken)
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

    internal override void ConfigureSilo(ISiloBuilder silo) => silo.UseRedisClustering(o => o.ConfigurationOptions = ToRedisOptions());

    internal override void ConfigureClient(IClientBuilder client) => client.UseRedisClustering(o => o.ConfigurationOptions = ToRedisOptions());
}
