using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Projector.Cluster.Tests.Hosting;

/// <summary>
/// Orleans' own ADO.NET membership table and gateway list, run against the project's PostgreSQL
/// statements: each call's result as the membership protocol needs it (the checks of Orleans' table
/// tests, on the cases a silo meets).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTableTests(PostgresServer server)
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();
    private readonly Dictionary<AdoNetClusteringTable, Cluster> _clusters = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_table_has_version_zero_and_no_silo_however_many_silos_initialise_it()
    {
        var (table, _) = await Open();
        var (again, _) = await Open(table);
        var data = await again.ReadAllAsync(Cancel);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal("0", data.Version.VersionEtag);
    }

    [Fact]
    public async Task An_insert_from_the_current_version_adds_the_row_and_raises_the_version()
    {
        var (table, _) = await Open();
        var entry = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next()));

        var data = await table.ReadAllAsync(Cancel);
        Assert.Equal(1, data.Version.Version);
        var (read, _) = Assert.Single(data.Members);
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal((entry.SiloName, entry.HostName, entry.Status, entry.ProxyPort), (read.SiloName, read.HostName, read.Status, read.ProxyPort));
        AssertSameTime(entry.StartTime, read.StartTime);
        AssertSameTime(entry.IAmAliveTime, read.IAmAliveTime);
        Assert.Equal(DateTimeKind.Utc, read.IAmAliveTime.Kind);
        Assert.Null(read.SuspectTimes);
    }

    [Fact]
    public async Task An_insert_from_a_stale_version_or_of_a_row_already_there_fails_and_changes_nothing()
    {
        var (table, _) = await Open();
        var stale = (await table.ReadAllAsync(Cancel)).Version;
        var first = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(first, stale.Next()));

        Assert.False(await table.InsertRowAsync(Entry(11112, SiloStatus.Joining), stale.Next()));
        var current = await table.ReadAllAsync(Cancel);
        Assert.False(await table.InsertRowAsync(first, current.Version.Next()));

        var after = await table.ReadAllAsync(Cancel);
        Assert.Equal(1, after.Version.Version);
        Assert.Equal(first.SiloAddress, Assert.Single(after.Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task An_update_from_the_current_version_writes_status_and_suspicions_and_raises_the_version()
    {
        var (table, _) = await Open();
        var entry = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next()));
        var suspecter = SiloAddress.New(IPAddress.Loopback, 22222, 7);
        var when = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(suspecter, when)];
        entry.IAmAliveTime = DateTime.UtcNow;

        var (row, etag) = Assert.Single((await table.ReadAllAsync(Cancel)).Members);
        Assert.True(await table.UpdateRowAsync(entry, etag, (await table.ReadAllAsync(Cancel)).Version.Next()));

        var data = await table.ReadRowAsync(entry.SiloAddress, Cancel);
        Assert.Equal(2, data.Version.Version);
        var read = Assert.Single(data.Members).Item1;
        Assert.Equal(SiloStatus.Active, read.Status);
        var (by, at) = Assert.Single(read.SuspectTimes ?? []);
        Assert.Equal(suspecter, by);
        Assert.Equal(when, at);
        AssertSameTime(entry.IAmAliveTime, read.IAmAliveTime);
        AssertSameTime(row.StartTime, read.StartTime);
    }

    [Fact]
    public async Task An_update_from_a_stale_version_or_of_a_missing_row_fails_and_leaves_the_version()
    {
        var (table, _) = await Open();
        var entry = Entry(11111, SiloStatus.Joining);
        var stale = (await table.ReadAllAsync(Cancel)).Version;
        Assert.True(await table.InsertRowAsync(entry, stale.Next()));

        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, stale.VersionEtag, stale.Next()));
        var current = (await table.ReadAllAsync(Cancel)).Version;
        // Nothing to update: the version must not move either (one write, all or nothing).
        Assert.False(await table.UpdateRowAsync(Entry(11112, SiloStatus.Dead), current.VersionEtag, current.Next()));

        var data = await table.ReadAllAsync(Cancel);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(data.Members).Item1.Status);
    }

    [Fact]
    public async Task Of_many_writers_from_one_reading_exactly_one_succeeds()
    {
        var (table, _) = await Open();
        var version = (await table.ReadAllAsync(Cancel)).Version;
        var inserts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => table.InsertRowAsync(Entry(11111 + i, SiloStatus.Joining), version.Next()), Cancel)));
        Assert.Single(inserts, ok => ok);

        var data = await table.ReadAllAsync(Cancel);
        Assert.Equal(1, data.Version.Version);
        var entry = Assert.Single(data.Members).Item1;
        var updates = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () =>
            {
                var change = Entry(entry.SiloAddress.Endpoint.Port, i % 2 == 0 ? SiloStatus.Active : SiloStatus.ShuttingDown);
                change.SiloAddress = entry.SiloAddress;
                return table.UpdateRowAsync(change, data.Version.VersionEtag, data.Version.Next());
            },
            Cancel)));
        Assert.Single(updates, ok => ok);
        Assert.Equal(2, (await table.ReadAllAsync(Cancel)).Version.Version);
    }

    [Fact]
    public async Task A_heartbeat_writes_only_the_time_of_life()
    {
        var (table, _) = await Open();
        var entry = Entry(11111, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next()));
        var later = entry.IAmAliveTime.AddMinutes(3);
        var beat = Entry(11111, SiloStatus.Dead);
        beat.SiloAddress = entry.SiloAddress;
        beat.IAmAliveTime = later;

        await table.UpdateIAmAliveAsync(beat, Cancel);

        var data = await table.ReadAllAsync(Cancel);
        Assert.Equal(1, data.Version.Version);
        var read = Assert.Single(data.Members).Item1;
        AssertSameTime(later, read.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, read.Status);
    }

    [Fact]
    public async Task Reading_a_missing_row_gives_the_version_and_no_silo()
    {
        var (table, _) = await Open();
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync(Cancel)).Version.Next()));
        var data = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 11111, 999), Cancel);
        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Clients_get_the_gateways_of_active_silos_only()
    {
        var (table, cluster) = await Open();
        var active = Entry(11111, SiloStatus.Active, proxyPort: 30000);
        foreach (var entry in new[] { active, Entry(11112, SiloStatus.Joining, proxyPort: 30001), Entry(11113, SiloStatus.Dead, proxyPort: 30002), Entry(11114, SiloStatus.Active, proxyPort: 0) })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next()));
        }

        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            NoServices,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = server.Membership(cluster.Database).ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = cluster.Id, ServiceId = cluster.Id }));
        await gateways.InitializeGatewayListProviderAsync(Cancel);

        var uri = Assert.Single(await gateways.GetGatewaysAsync(Cancel));
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 30000, active.SiloAddress.Generation).ToGatewayUri(), uri);
    }

    [Fact]
    public async Task Cleanup_forgets_dead_silos_gone_before_the_cut_off_and_no_others()
    {
        var (table, _) = await Open();
        var cutOff = DateTimeOffset.UtcNow.AddMinutes(-10);
        var old = DateTime.UtcNow.AddHours(-1);
        var oldDead = Entry(11111, SiloStatus.Dead, lastSeen: old);
        var oldActive = Entry(11112, SiloStatus.Active, lastSeen: old);
        var recentDead = Entry(11113, SiloStatus.Dead, lastSeen: DateTime.UtcNow);
        // Suspected after the cut-off: kept, which only the row-by-row statement knows to do.
        var recentlySuspected = Entry(11114, SiloStatus.Dead, lastSeen: old);
        recentlySuspected.SuspectTimes = [Tuple.Create(oldActive.SiloAddress, DateTime.UtcNow.AddMinutes(-1))];
        foreach (var entry in new[] { oldDead, oldActive, recentDead, recentlySuspected })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next()));
        }

        var data = await table.ReadAllAsync(Cancel);
        var suspected = data.Members.Single(m => m.Item1.SiloAddress.Equals(recentlySuspected.SiloAddress));
        Assert.True(await table.UpdateRowAsync(recentlySuspected, suspected.Item2, data.Version.Next()));

        await table.CleanupDefunctSiloEntriesAsync(cutOff, Cancel);

        var left = (await table.ReadAllAsync(Cancel)).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new HashSet<SiloAddress> { oldActive.SiloAddress, recentDead.SiloAddress, recentlySuspected.SiloAddress }, left);
    }

    [Fact]
    public async Task Cleanup_keeps_a_dead_silos_row_that_changed_since_it_was_read()
    {
        var (table, cluster) = await Open();
        var old = DateTime.UtcNow.AddHours(-1);
        var dead = Entry(11111, SiloStatus.Dead, lastSeen: old);
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync(Cancel)).Version.Next()));
        var read = Assert.Single((await table.ReadAllAsync(Cancel)).Members).Item1;
        // A heartbeat lands between the provider's reading and its delete.
        await server.Scalar(cluster.Database, "UPDATE projector_cluster.silos SET i_am_alive_time = now()");

        var statement = (string)(await server.Scalar(cluster.Database, "SELECT querytext FROM projector_cluster.orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey'"))!;
        await using var connection = await server.Open(cluster.Database);
        await using var delete = new NpgsqlCommand(statement, connection);
        delete.Parameters.AddWithValue("DeploymentId", cluster.Id);
        delete.Parameters.AddWithValue("Address", read.SiloAddress.Endpoint.Address.ToString());
        delete.Parameters.AddWithValue("Port", read.SiloAddress.Endpoint.Port);
        delete.Parameters.AddWithValue("Generation", read.SiloAddress.Generation);
        delete.Parameters.AddWithValue("SuspectTimes", DBNull.Value);
        delete.Parameters.AddWithValue("StartTime", read.StartTime);
        delete.Parameters.AddWithValue("IAmAliveTime", read.IAmAliveTime);
        Assert.Equal(0, await delete.ExecuteNonQueryAsync(Cancel));

        // With the values as they are now, it goes.
        delete.Parameters["IAmAliveTime"].Value = Assert.Single((await table.ReadAllAsync(Cancel)).Members).Item1.IAmAliveTime;
        Assert.Equal(1, await delete.ExecuteNonQueryAsync(Cancel));
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_rows_and_version_and_no_other_clusters()
    {
        var (table, cluster) = await Open();
        var (other, otherCluster) = await Open(database: cluster.Database);
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync(Cancel)).Version.Next()));
        Assert.True(await other.InsertRowAsync(Entry(11111, SiloStatus.Active), (await other.ReadAllAsync(Cancel)).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(cluster.Id, Cancel);

        Assert.Equal(0L, await server.Scalar(cluster.Database, $"SELECT count(*) FROM projector_cluster.silos WHERE deployment_id = '{cluster.Id}'"));
        Assert.Equal(0L, await server.Scalar(cluster.Database, $"SELECT count(*) FROM projector_cluster.membership_version WHERE deployment_id = '{cluster.Id}'"));
        Assert.Single((await other.ReadAllAsync(Cancel)).Members);
        Assert.NotEqual(cluster.Id, otherCluster.Id);
    }

    private sealed record Cluster(string Database, string Id);

    // A membership table of a new cluster id as a silo opens it (InitializeMembershipTable(true) creates
    // the version row); in a new database unless one is given, or in the same cluster as another table.
    private async Task<(AdoNetClusteringTable Table, Cluster Cluster)> Open(AdoNetClusteringTable? sameAs = null, string? database = null)
    {
        var cluster = sameAs is not null ? _clusters[sameAs] : new Cluster(database ?? await server.CreateDatabase(), "c" + Guid.NewGuid().ToString("N"));
        var membership = server.Membership(cluster.Database);
        await membership.EnsureReachable(Cancel);
        var table = new AdoNetClusteringTable(
            NoServices,
            Options.Create(new ClusterOptions { ClusterId = cluster.Id, ServiceId = cluster.Id }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = membership.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Cancel);
        _clusters[table] = cluster;
        return (table, cluster);
    }

    private static MembershipEntry Entry(int port, SiloStatus status, int proxyPort = 30000, DateTime? lastSeen = null)
    {
        var seen = lastSeen ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, Random.Shared.Next(1, int.MaxValue)),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = seen.AddSeconds(-5),
            IAmAliveTime = seen,
        };
    }

    // PostgreSQL keeps microseconds; .NET's ticks are tenths of them.
    private static void AssertSameTime(DateTime expected, DateTime actual) =>
        Assert.InRange((actual - expected).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
}
