using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Projector.Cluster.Jobs;

namespace Projector.Cluster.Hosting;

/// <summary>Where a silo listens and where it reads job inputs.</summary>
/// <param name="Membership">Where the membership table lives (Redis or PostgreSQL).</param>
/// <param name="Address">The address silos and clients reach this one at (loopback unless opened on purpose).</param>
/// <param name="SiloPort">Silo-to-silo port.</param>
/// <param name="GatewayPort">Client port.</param>
/// <param name="Shared">The folder job inputs are read from.</param>
public sealed record SiloSettings(MembershipAddress Membership, IPAddress Address, int SiloPort, int GatewayPort, string Shared)
{
    /// <summary>Orleans' usual silo port.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Orleans' usual gateway port.</summary>
    public const int DefaultGatewayPort = 30000;
}

/// <summary>A silo of the layout cluster: the sample and shard grains, membership in Redis or PostgreSQL, quiet logs.</summary>
public static class ClusterSilo
{
    /// <summary>The silo's host, not yet started.</summary>
    public static IHost Build(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Orleans reports every lost connection as a warning; a killed peer is an expected event here.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            settings.Membership.ConfigureSilo(silo);
            silo.Configure<ClusterOptions>(ClusterTimings.Cluster);
            silo.Configure<ClusterMembershipOptions>(ClusterTimings.Membership);
            silo.ConfigureEndpoints(settings.Address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            AddJobServices(silo.Services, settings.Shared);
        });
        return builder.Build();
    }

    /// <summary>The services the grains need: the shared folder, the per-job model cache and the compute threads.</summary>
    public static void AddJobServices(IServiceCollection services, string shared)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new SharedFolder(Path.GetFullPath(shared)));
        services.AddSingleton<SiloJobModels>();
        services.AddSingleton(_ => new Projector.Server.Work.ComputeThreads(Environment.ProcessorCount));
        services.AddSingleton<SiloCompute>();
    }
}
