using System.Net;
using System.Net.Sockets;
using Npgsql;
using Projector.Cluster.Hosting;

namespace Projector.Cluster.Tests.Hosting;

public sealed class MembershipAddressTests
{
    [Fact]
    public void Parses_a_redis_address_and_defaults_the_port()
    {
        Assert.Equal(new RedisMembership("127.0.0.1", 7001), MembershipAddress.Parse("redis://127.0.0.1:7001"));
        Assert.Equal(6379, Assert.IsType<RedisMembership>(MembershipAddress.Parse("redis://localhost")).Port);
        Assert.Equal("redis://127.0.0.1:7001", MembershipAddress.Parse("redis://127.0.0.1:7001").ToString());
    }

    [Fact]
    public void Parses_a_postgres_address_with_either_scheme_and_defaults_the_port()
    {
        var address = Assert.IsType<PostgresMembership>(MembershipAddress.Parse("postgres://ann:s3cret@db.example:6543/layouts"));
        Assert.Equal(new PostgresMembership("ann", "db.example", 6543, "layouts") { Password = "s3cret" }, address);
        Assert.Equal("postgres://ann@db.example:6543/layouts", address.ToString());

        var defaults = Assert.IsType<PostgresMembership>(MembershipAddress.Parse("postgresql://ann@127.0.0.1/layouts"));
        Assert.Equal(5432, defaults.Port);
        Assert.Equal("postgres://ann@127.0.0.1:5432/layouts", defaults.ToString());
    }

    [Fact]
    public void Unescapes_a_postgres_address_and_keeps_ipv6_hosts_printable()
    {
        var address = PostgresMembership.Parse("postgres://ann%40corp:p%40ss%3Aw%2Frd@[::1]:5433/my%20db", environmentPassword: null);
        Assert.Equal("ann@corp", address.User);
        Assert.Equal("p@ss:w/rd", address.Password);
        Assert.Equal("::1", address.Host);
        Assert.Equal("my db", address.Database);
        Assert.Equal("postgres://ann%40corp@[::1]:5433/my%20db", address.ToString());
        var connection = new NpgsqlConnectionStringBuilder(address.ConnectionString);
        Assert.Equal(("::1", 5433, "ann@corp", "p@ss:w/rd", "my db"), (connection.Host, connection.Port, connection.Username, connection.Password, connection.Database));
        Assert.Equal("projector_cluster", connection.SearchPath);
    }

    [Fact]
    public void Takes_the_password_from_pgpassword_only_when_the_address_has_none()
    {
        Assert.Equal("from-env", PostgresMembership.Parse("postgres://ann@h/db", "from-env").Password);
        Assert.Equal("given", PostgresMembership.Parse("postgres://ann:given@h/db", "from-env").Password);
        Assert.Null(PostgresMembership.Parse("postgres://ann@h/db", null).Password);
        Assert.Null(PostgresMembership.Parse("postgres://ann@h/db", string.Empty).Password);
    }

    [Fact]
    public void Never_prints_the_password()
    {
        var address = PostgresMembership.Parse("postgres://ann:hunter2@h/db", null);
        Assert.DoesNotContain("hunter2", address.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", $"{address}", StringComparison.Ordinal);
        // A record's printing of its members, as a debugger or a log of the settings would use it.
        var settings = new SiloSettings(address, IPAddress.Loopback, 1, 2, ".");
        Assert.DoesNotContain("hunter2", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:6379")]
    [InlineData("http://127.0.0.1:6379")]
    [InlineData("redis://127.0.0.1:6379/db")]
    public void Refuses_other_addresses_in_one_line(string text)
    {
        var e = Assert.Throws<ClusterInputException>(() => MembershipAddress.Parse(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.Contains("--membership", e.Message, StringComparison.Ordinal);
        Assert.Contains("redis://HOST:PORT", e.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("postgres://127.0.0.1:5432/db", "names no user")]
    [InlineData("postgres://:pw@127.0.0.1:5432/db", "names no user")]
    [InlineData("postgres://ann:pw@127.0.0.1:5432", "names no database")]
    [InlineData("postgres://ann:pw@127.0.0.1:5432/", "names no database")]
    [InlineData("postgres://ann:pw@127.0.0.1:5432/a/b", "names no database")]
    [InlineData("postgres://ann:pw@127.0.0.1:5432/db?sslmode=require", "options")]
    [InlineData("postgres://ann:pw@127.0.0.1:0/db", "port 0")]
    [InlineData("postgres://ann:pw@127.0.0.1:99999/db", "is not a PostgreSQL address")]
    [InlineData("postgres:///db", "is not a PostgreSQL address")]
    public void Refuses_bad_postgres_addresses_in_one_line_without_their_password(string text, string problem)
    {
        var e = Assert.Throws<ClusterInputException>(() => MembershipAddress.Parse(text));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE", e.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. redis://127.0.0.1:6379 or postgres://", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":pw@", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("postgres://ann:pw@h/db", "postgres://ann:***@h/db")]
    [InlineData("postgres://ann:p@w/x@h/db", "postgres://ann:***@h/db")]
    [InlineData("postgres://ann@h/db", "postgres://ann@h/db")]
    [InlineData("redis://h:1", "redis://h:1")]
    [InlineData("no address", "no address")]
    public void Masks_the_password_of_any_text(string text, string shown) =>
        Assert.Equal(shown, MembershipAddress.Redact(text));

    [Fact]
    public async Task An_address_where_no_redis_answers_is_one_line_naming_it()
    {
        var port = FreePort();
        var address = new RedisMembership("127.0.0.1", port);
        var e = await Assert.ThrowsAsync<ClusterInputException>(() => address.EnsureReachable(TestContext.Current.CancellationToken));
        Assert.Contains($"redis://127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
        Assert.Contains("redis-server", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task An_address_where_no_postgres_answers_is_one_line_naming_it_without_the_password()
    {
        var port = FreePort();
        var address = PostgresMembership.Parse($"postgres://ann:hunter2@127.0.0.1:{port}/layouts", null);
        var e = await Assert.ThrowsAsync<ClusterInputException>(() => address.EnsureReachable(TestContext.Current.CancellationToken));
        Assert.StartsWith($"no PostgreSQL server answers at postgres://ann@127.0.0.1:{port}/layouts (--membership", e.Message, StringComparison.Ordinal);
        Assert.Contains("start one there", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    // A port that was free a moment ago: nothing listens there.
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
