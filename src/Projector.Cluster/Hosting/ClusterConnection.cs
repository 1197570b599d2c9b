using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Projector.Cluster.Hosting;

/// <summary>A client of the layout cluster, connected through any silo's gateway.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The Orleans client.</summary>
    public IClusterClient Client { get; }

    /// <summary>Connects to the cluster whose membership <paramref name="membership"/> holds.</summary>
    /// <exception cref="ClusterInputException">The membership's server does not answer, or no silo is up.</exception>
    public static async Task<ClusterConnection> Open(MembershipAddress membership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membership);
        await membership.EnsureReachable(cancellationToken).ConfigureAwait(false);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            membership.ConfigureClient(client);
            client.Configure<ClusterOptions>(ClusterTimings.Cluster);
            // A killed gateway is dropped from the client's list within seconds rather than a minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OrleansException or SiloUnavailableException or TimeoutException or InvalidOperationException)
        {
            host.Dispose();
            throw new ClusterInputException($"no silo is up in the cluster at {membership}: start one with `projector cluster silo --membership {membership}`");
        }

        return new ClusterConnection(host);
    }

    /// <summary>Leaves the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
