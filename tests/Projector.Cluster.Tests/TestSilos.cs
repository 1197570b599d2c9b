using Orleans.Configuration;
using Orleans.TestingHost;
using Projector.Cluster.Hosting;

namespace Projector.Cluster.Tests;

/// <summary>In-process clusters whose silos read inputs from one shared folder, with the product's failure-detection timings.</summary>
internal static class TestSilos
{
    public static string Shared { get; } = CreateShared();

    public static async Task<TestCluster> Start(int silos)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.AddSiloBuilderConfigurator<Configurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static string CreateShared()
    {
        var path = Path.Combine(Path.GetTempPath(), "projector-cluster-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(path, recursive: true);
        return path;
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            ClusterSilo.AddJobServices(siloBuilder.Services, Shared);
            siloBuilder.Configure<ClusterMembershipOptions>(ClusterTimings.Membership);
        }
    }
}
