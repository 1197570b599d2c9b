using System.Text.Json;
using Projector.Core.Formats;

namespace Projector.Cli.Tests.Commands;

public sealed class FormatsCommandTests
{
    [Fact]
    public void Formats_lists_the_registry_as_json()
    {
        var run = CliRun.Of("formats", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var names = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(FormatRegistry.All.Select(f => f.Name), names);
        Assert.Contains(doc.RootElement.EnumerateArray(), e => e.GetProperty("name").GetString() == "npy" && e.GetProperty("write").GetBoolean());
    }

    [Fact]
    public void Convert_names_the_writable_extensions_when_the_output_has_none()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "1\t2\n3\t4\n");
        var run = CliRun.Of("convert", input, dir.File("out.unknown"));
        Assert.Equal(2, run.ExitCode);
        Assert.All(FormatRegistry.WritableExtensions, ext => Assert.Contains(ext, run.Error, StringComparison.Ordinal));
    }
}
