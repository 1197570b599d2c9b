using Projector.Cluster.Hosting;

namespace Projector.Cluster.Tests.Hosting;

/// <summary>Each way a PostgreSQL server can refuse the membership connection is one line naming the address (never the password) and the remedy.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipErrorTests(PostgresServer server)
{
    [Fact]
    public async Task A_wrong_password_says_where_to_give_the_right_one()
    {
        var database = await server.CreateDatabase();
        var e = await Refused($"postgres://{PostgresServer.User}:not-the-password@127.0.0.1:{server.Port}/{database}");
        Assert.StartsWith($"PostgreSQL at postgres://{PostgresServer.User}@127.0.0.1:{server.Port}/{database} (--membership) refused the password of user '{PostgresServer.User}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_password_where_one_is_needed_says_where_to_give_it()
    {
        var database = await server.CreateDatabase();
        var e = await Refused($"postgres://{PostgresServer.User}@127.0.0.1:{server.Port}/{database}");
        Assert.StartsWith($"PostgreSQL at postgres://{PostgresServer.User}@127.0.0.1:{server.Port}/{database} (--membership) wants a password for user '{PostgresServer.User}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_says_how_to_create_it()
    {
        var e = await Refused($"postgres://{PostgresServer.User}:{PostgresServer.Password}@127.0.0.1:{server.Port}/no_such_db");
        Assert.Equal(
            $"PostgreSQL at postgres://{PostgresServer.User}@127.0.0.1:{server.Port}/no_such_db (--membership) has no database 'no_such_db': create it (createdb -h 127.0.0.1 -p {server.Port} -U {PostgresServer.User} no_such_db) or name an existing one",
            e.Message);
    }

    [Fact]
    public async Task A_user_without_the_create_right_is_told_what_to_grant()
    {
        var database = await server.CreateDatabase();
        var role = "limited_" + Guid.NewGuid().ToString("N")[..8];
        // PostgreSQL 15 grants the public no CREATE on a database (nor in its public schema).
        await server.Scalar("postgres", $"CREATE ROLE {role} LOGIN PASSWORD 'limited-secret'");
        var e = await Refused($"postgres://{role}:limited-secret@127.0.0.1:{server.Port}/{database}");
        Assert.StartsWith($"user '{role}' may not create the membership tables in database '{database}'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"GRANT CREATE ON DATABASE {database} TO {role}", e.Message, StringComparison.Ordinal);

        // Granted that, it sets the schema up; once that is done, it no longer needs the right.
        var membership = PostgresMembership.Parse($"postgres://{role}:limited-secret@127.0.0.1:{server.Port}/{database}", null);
        await server.Scalar(database, $"GRANT CREATE ON DATABASE {database} TO {role}");
        await membership.EnsureReachable(TestContext.Current.CancellationToken);
        Assert.Equal(role, await server.Scalar(database, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'projector_cluster'"));
        await server.Scalar(database, $"REVOKE CREATE ON DATABASE {database} FROM {role}");
        await membership.EnsureReachable(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_password_may_come_from_pgpassword()
    {
        var database = await server.CreateDatabase();
        var membership = PostgresMembership.Parse($"postgresql://{PostgresServer.User}@127.0.0.1:{server.Port}/{database}", environmentPassword: PostgresServer.Password);
        await membership.EnsureReachable(TestContext.Current.CancellationToken);
        Assert.Equal(10L, await server.Scalar(database, "SELECT count(*) FROM projector_cluster.orleansquery"));
    }

    private static async Task<ClusterInputException> Refused(string address)
    {
        var membership = PostgresMembership.Parse(address, environmentPassword: null);
        var e = await Assert.ThrowsAsync<ClusterInputException>(() => membership.EnsureReachable(TestContext.Current.CancellationToken));
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }
}
