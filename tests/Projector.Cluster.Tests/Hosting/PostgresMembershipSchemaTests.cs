using System.Reflection;
using Npgsql;
using Orleans.Runtime.MembershipService;

namespace Projector.Cluster.Tests.Hosting;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipSchemaTests(PostgresServer server)
{
    [Fact]
    public async Task Applies_on_an_empty_database_and_again_without_change()
    {
        var database = await server.CreateDatabase();
        var membership = server.Membership(database);
        await membership.EnsureReachable(TestContext.Current.CancellationToken);
        var queries = await Rows(database, "SELECT querykey || ' ' || xmin::text FROM projector_cluster.orleansquery ORDER BY querykey");

        await membership.EnsureReachable(TestContext.Current.CancellationToken);

        // The second run rewrote no statement (same row versions) and added nothing.
        Assert.Equal(queries, await Rows(database, "SELECT querykey || ' ' || xmin::text FROM projector_cluster.orleansquery ORDER BY querykey"));
        Assert.Equal(
            ["membership_version", "orleansquery", "silos"],
            await Rows(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'projector_cluster' ORDER BY tablename"));
        // Nothing outside the schema.
        Assert.Empty(await Rows(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task Holds_every_statement_orleans_requires_and_its_optional_cleanup()
    {
        var database = await server.CreateDatabase();
        await server.Membership(database).EnsureReachable(TestContext.Current.CancellationToken);

        // Orleans checks for these when a silo or client starts; read from the provider itself, so an
        // upgrade that needs another statement fails here rather than at a silo's start.
        var storedQueries = typeof(AdoNetClusteringTable).Assembly.GetType("Orleans.Clustering.AdoNet.Storage.DbStoredQueries", throwOnError: true)!;
        var required = storedQueries.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name).ToList();
        Assert.Contains("GatewaysQueryKey", required);
        // Looked up by name when present (see PostgresMembership.sql), so not among the required ones.
        Assert.DoesNotContain(Optional, required);
        var stored = await Rows(database, "SELECT querykey FROM projector_cluster.orleansquery ORDER BY querykey COLLATE \"C\"");
        Assert.Equal(required.Append(Optional).Order(StringComparer.Ordinal), stored);
    }

    private const string Optional = "CleanupDefunctSiloEntryKey";

    [Fact]
    public async Task Applies_from_many_connections_at_once()
    {
        var database = await server.CreateDatabase();
        var membership = server.Membership(database);
        // Without the lock, all would find the schema missing and all but one fail on its duplicate name.
        var starts = Enumerable.Range(0, 6).Select(_ => Task.Run(() => membership.EnsureReachable(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken));
        await Task.WhenAll(starts);
        Assert.Equal(10L, await server.Scalar(database, "SELECT count(*) FROM projector_cluster.orleansquery"));
    }

    [Fact]
    public async Task Leaves_no_half_applied_schema_behind()
    {
        var database = await server.CreateDatabase();
        // A statement table of another shape makes the script fail at its last statement, after it made the others.
        await server.Scalar(database, "CREATE SCHEMA projector_cluster; CREATE TABLE projector_cluster.orleansquery (querykey text PRIMARY KEY)");
        var membership = server.Membership(database);
        var e = await Assert.ThrowsAsync<ClusterInputException>(() => membership.EnsureReachable(TestContext.Current.CancellationToken));
        Assert.Contains("failed to set up the membership tables", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        // The transaction rolled back: neither table the script made before the failure is left.
        Assert.Equal(["orleansquery"], await Rows(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'projector_cluster'"));
    }

    private async Task<string[]> Rows(string database, string sql)
    {
        await using var connection = await server.Open(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows];
    }
}
