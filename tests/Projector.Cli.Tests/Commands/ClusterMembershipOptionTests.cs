using System.Net;
using System.Net.Sockets;

namespace Projector.Cli.Tests.Commands;

/// <summary>The cluster commands' <c>--membership</c>: a PostgreSQL address is taken as a Redis one is, and refused in one line.</summary>
public sealed class ClusterMembershipOptionTests
{
    [Fact]
    public void Silo_against_a_postgres_that_does_not_answer_is_exit_2_naming_the_address_without_the_password()
    {
        using var dir = new TempDir();
        var port = FreePort();
        var run = CliRun.Of("cluster", "silo", "--membership", $"postgres://ann:hunter2@127.0.0.1:{port}/layouts", "--shared", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains($"no PostgreSQL server answers at postgres://ann@127.0.0.1:{port}/layouts", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_against_a_postgres_that_does_not_answer_is_exit_2_naming_the_address()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "1\t2\n3\t4\n5\t6\n7\t8\n");
        var port = FreePort();
        var run = CliRun.Of("cluster", "run", input, "--membership", $"postgresql://ann@127.0.0.1:{port}/layouts", "--out", dir.File("out"), "--sample", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains($"postgres://ann@127.0.0.1:{port}/layouts", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://ann:hunter2@127.0.0.1:5432", "names no database")]
    [InlineData("postgres://127.0.0.1:5432/layouts", "names no user")]
    [InlineData("mysql://ann@127.0.0.1/layouts", "is not a membership address")]
    public void A_bad_address_is_exit_2_with_the_forms_and_without_its_password(string address, string problem)
    {
        using var dir = new TempDir();
        var run = CliRun.Of("cluster", "silo", "--membership", address, "--shared", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("--membership '", run.Error, StringComparison.Ordinal);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.Contains("postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_names_both_forms()
    {
        var run = CliRun.Of("cluster", "silo", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("redis://HOST:PORT", run.Out, StringComparison.Ordinal);
        Assert.Contains("postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE", run.Out, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", run.Out, StringComparison.Ordinal);
    }

    // A port that was free a moment ago: nothing listens there.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
