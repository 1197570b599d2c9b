namespace Projector.Cli.Tests.Commands;

public sealed class NeighborsCommandTests
{
    [Fact]
    public void Neighbors_of_a_word_list_the_nearest_with_distances()
    {
        using var dir = new TempDir();
        var input = dir.Write("w.txt", "4 2\nking 1 0\nqueen 0.9 0.1\napple 0 1\npear 0.1 0.95\n");
        var run = CliRun.Of("neighbors", input, "--query", "KING", "-k", "2");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("queen", StringComparison.Ordinal) && l.Contains("0.0061", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("king", StringComparison.Ordinal) && l.Contains('│') && !l.Contains("word", StringComparison.Ordinal));
    }

    [Fact]
    public void Neighbors_of_a_point_by_index_in_euclidean_distance()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "0\t0\n3\t4\n1\t0\n");
        var run = CliRun.Of("neighbors", input, "--point", "0", "-k", "2", "--metric", "euclidean");
        Assert.Equal(0, run.ExitCode);
        var first = run.Out.IndexOf("│ 1    │ 2     │ 1  ", StringComparison.Ordinal);
        var second = run.Out.IndexOf("│ 2    │ 1     │ 5  ", StringComparison.Ordinal);
        Assert.True(first > 0 && second > first, run.Out);
    }

    [Fact]
    public void Neighbors_of_an_unknown_word_or_a_bad_point_is_a_usage_error()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "a\t0\t0\nb\t1\t1\n");
        Assert.Equal(2, CliRun.Of("neighbors", input, "--query", "zebra").ExitCode);
        Assert.Equal(2, CliRun.Of("neighbors", input, "--point", "9").ExitCode);
    }

    [Fact]
    public void Labels_holding_terminal_escape_codes_are_shown_escaped()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "0\t0\n3\t4\n1\t0\n");
        var labels = dir.Write("l.tsv", "a\nb\nq\u001b]2;owned\u0007\n");
        var run = CliRun.Of("neighbors", input, "--point", "1", "-k", "2", "--metadata", labels);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.Contains("q\\x1b]2;owned\\x07", run.Out, StringComparison.Ordinal);
    }
}
