using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Projector.Cluster.Grains;
using Projector.Cluster.Hosting;
using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests.Hosting;

/// <summary>The product's silos and client, in this process, with their membership in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresServer server)
{
    private const int Rows = 2000;
    private const int ShardRows = 250;

    // Orleans' SiloStatus.Dead as the table stores it.
    private const int Dead = 6;

    private static readonly ClusterJob Job = MakeJob();

    // The longest the failure detector may take with the product's timings (ClusterTimings: three missed
    // probes of two seconds, then one vote), with room for a loaded machine.
    private static readonly TimeSpan DeathBound = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ClusterJob MakeJob()
    {
        var (npy, _) = SyntheticInput.Write(TestSilos.Shared, "postgres-gauss", Rows, 8, 4, seed: 3);
        return new ClusterJob
        {
            JobId = "template",
            InputName = Path.GetFileName(npy),
            Method = "umap",
            Seed = 3,
            SampleSize = 300,
            Iterations = 30,
            Rows = Rows,
            Dimensions = 8,
            TilePoints = 64,
        };
    }

    [Fact]
    public async Task Silos_join_an_empty_database_a_client_runs_a_job_through_them_and_a_lost_silo_is_recorded_dead()
    {
        var database = await server.CreateDatabase();
        var membership = server.Membership(database);
        // No check first, as the command line makes: a silo puts the schema in place itself when it starts.
        using var first = await StartSilo(membership);
        using var second = await StartSilo(membership);
        Assert.Equal(2L, await server.Scalar(database, "SELECT count(*) FROM projector_cluster.silos WHERE status = 3"));

        // The client finds the silos through the gateway list in PostgreSQL.
        await using (var connection = await ClusterConnection.Open(membership, Cancel))
        {
            var result = await RunJob(connection);
            Assert.Equal(Rows / ShardRows, result.ShardsPerSilo.Values.Sum());
            Assert.Equal(2, result.ShardsPerSilo.Count);
        }

        var lost = SiloOf(second);
        await StopAbruptly(second);

        var view = first.Services.GetRequiredService<IClusterMembershipService>();
        var watch = Stopwatch.StartNew();
        while (view.CurrentSnapshot.GetSiloStatus(lost) != SiloStatus.Dead || await StatusInTable(database, lost) != Dead)
        {
            Assert.True(watch.Elapsed < DeathBound, $"the silo left was not recorded dead within {DeathBound.TotalSeconds} s (table: {await StatusInTable(database, lost)})");
            await Task.Delay(200, Cancel);
        }

        // A new client is sent to the silo left only, and a job runs there.
        await using (var connection = await ClusterConnection.Open(membership, Cancel))
        {
            var result = await RunJob(connection);
            Assert.Equal([SiloOf(first).ToString()], result.ShardsPerSilo.Keys);
        }
    }

    [Fact]
    public async Task A_silo_that_vanished_without_a_word_is_declared_dead_by_the_live_one()
    {
        var database = await server.CreateDatabase();
        var membership = server.Membership(database);
        using var live = await StartSilo(membership);

        // The row a killed silo leaves: active, its heartbeat fresh, nothing listening at its address.
        var (port, gatewayPort) = FreePorts();
        var vanished = SiloAddress.New(IPAddress.Loopback, port, 1);
        var table = new AdoNetClusteringTable(
            live.Services,
            Options.Create(new ClusterOptions { ClusterId = ClusterTimings.ClusterId, ServiceId = ClusterTimings.ClusterId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = membership.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: false, Cancel);
        var entry = new MembershipEntry
        {
            SiloAddress = vanished,
            SiloName = "vanished",
            HostName = Environment.MachineName,
            Status = SiloStatus.Active,
            ProxyPort = gatewayPort,
            StartTime = DateTime.UtcNow,
            IAmAliveTime = DateTime.UtcNow,
        };
        // The live silo writes too (its heartbeat does not move the version, its other writes do): retry from a fresh reading.
        while (!await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next()))
        {
        }

        var watch = Stopwatch.StartNew();
        while (await StatusInTable(database, vanished) != Dead)
        {
            Assert.True(watch.Elapsed < DeathBound, $"the vanished silo was not declared dead within {DeathBound.TotalSeconds} s");
            await Task.Delay(200, Cancel);
        }

        // Declared by the live silo, which wrote its suspicion with the verdict.
        var suspicions = (string?)await server.Scalar(database, $"SELECT suspect_times FROM projector_cluster.silos WHERE port = {port}");
        Assert.Contains(SiloOf(live).ToParsableString(), suspicions, StringComparison.Ordinal);
        Assert.Equal(SiloStatus.Dead, live.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(vanished));
    }

    private static async Task<ClusterJobResult> RunJob(ClusterConnection connection)
    {
        var job = Job with { JobId = Guid.NewGuid().ToString("N") };
        using var folder = JobFolder.Create(TestSilos.Shared, job.JobId);
        job = job with { WorkFolder = folder.Name };
        return await new ClusterJobRunner(connection.Client, new ClusterRunSettings(ShardRows, CallTimeout: TimeSpan.FromMinutes(1))).Run(job, null, Cancel);
    }

    private static async Task<IHost> StartSilo(MembershipAddress membership)
    {
        var (port, gatewayPort) = FreePorts();
        var host = ClusterSilo.Build(new SiloSettings(membership, IPAddress.Loopback, port, gatewayPort, TestSilos.Shared));
        await host.StartAsync(Cancel);
        return host;
    }

    // As TestCluster's KillSiloAsync: a stop already cancelled skips the graceful leave.
    private static async Task StopAbruptly(IHost silo)
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        try
        {
            await silo.StopAsync(cancelled.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static SiloAddress SiloOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private async Task<int?> StatusInTable(string database, SiloAddress silo) =>
        (int?)await server.Scalar(database, $"SELECT status FROM projector_cluster.silos WHERE port = {silo.Endpoint.Port} AND generation = {silo.Generation}");

    // Two ports free at once (held together, so the two differ).
    private static (int Silo, int Gateway) FreePorts()
    {
        using var a = new TcpListener(IPAddress.Loopback, 0);
        using var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        return (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
    }
}
