using Projector.Core.Formats;

namespace Projector.Core.Tests.Formats;

public sealed class ConfigPathTests
{
    [Theory]
    [InlineData("meta.tsv")]
    [InlineData("./meta.tsv")]
    [InlineData("/home/someone/logs/run1/meta.tsv")]
    [InlineData("C:\\Users\\someone\\logs\\meta.tsv")]
    [InlineData("https://example.org/data/meta.tsv?x=1")]
    public void Resolve_finds_the_file_by_name_inside_the_config_folder(string raw)
    {
        using var dir = new TempDir();
        var expected = dir.Write("meta.tsv", "a\n");
        Assert.Equal(Path.GetFullPath(expected), Path.GetFullPath(ConfigPath.Resolve(dir.Path, raw)!));
    }

    [Fact]
    public void Resolve_prefers_the_relative_path_and_returns_null_when_nothing_exists()
    {
        using var dir = new TempDir();
        var nested = dir.Write("sub/meta.tsv", "a\n");
        dir.Write("meta.tsv", "b\n");
        Assert.Equal(nested, ConfigPath.Resolve(dir.Path, "sub\\meta.tsv"));
        Assert.Null(ConfigPath.Resolve(dir.Path, "missing.tsv"));
    }
}
