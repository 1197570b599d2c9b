using System.Net;
using System.Net.Sockets;

namespace Projector.Cli.Tests.Commands;

public sealed class ClusterCommandTests
{
    [Fact]
    public void Run_of_a_missing_input_is_exit_2_with_one_line_naming_it()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("cluster", "run", dir.File("absent.npy"), "--membership", "redis://127.0.0.1:6379", "--out", dir.File("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("absent.npy", run.Error, StringComparison.Ordinal);
        Assert.Contains("shared folder", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Run_against_a_redis_that_does_not_answer_is_exit_2_naming_the_address()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "1\t2\n3\t4\n5\t6\n7\t8\n");
        var port = FreePort();
        var run = CliRun.Of("cluster", "run", input, "--membership", $"redis://127.0.0.1:{port}", "--out", dir.File("out"), "--sample", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains($"redis://127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Silo_against_a_redis_that_does_not_answer_is_exit_2_naming_the_address()
    {
        using var dir = new TempDir();
        var port = FreePort();
        var run = CliRun.Of("cluster", "silo", "--membership", $"redis://127.0.0.1:{port}", "--shared", dir.Path, "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--port 0 is not between 1 and 65535", run.Error, StringComparison.Ordinal);

        run = CliRun.Of("cluster", "silo", "--membership", $"redis://127.0.0.1:{port}", "--shared", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains($"no Redis server answers at redis://127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_into_a_folder_that_is_not_empty_is_refused_before_the_job()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "1\t2\n3\t4\n5\t6\n7\t8\n");
        dir.Write("out/mine.txt", "keep");
        var run = CliRun.Of("cluster", "run", input, "--membership", $"redis://127.0.0.1:{FreePort()}", "--out", dir.File("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not empty", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(dir.File("out/mine.txt")));
    }

    [Theory]
    [InlineData("--membership", "127.0.0.1:6379", "redis://HOST:PORT")]
    [InlineData("--method", "pca", "--method 'pca' is not umap or tsne")]
    [InlineData("--sample", "0", "--sample must be at least 1")]
    [InlineData("--shard-rows", "0", "--shard-rows must be at least 1")]
    [InlineData("--tile-points", "10", "--tile-points must be at least 64")]
    public void Run_refuses_choices_that_cannot_work(string flag, string value, string message)
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "1\t2\n3\t4\n5\t6\n7\t8\n");
        var args = new List<string> { "cluster", "run", input, "--out", dir.File("out") };
        if (flag != "--membership")
        {
            args.AddRange(["--membership", "redis://127.0.0.1:6379"]);
        }

        args.AddRange([flag, value]);
        var run = CliRun.Of([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
