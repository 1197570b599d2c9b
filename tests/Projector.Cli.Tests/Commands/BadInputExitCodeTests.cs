namespace Projector.Cli.Tests.Commands;

/// <summary>Inputs that once ended in an internal error (exit 1) end in one line and exit 2.</summary>
public sealed class BadInputExitCodeTests
{
    [Fact]
    public void A_config_with_invalid_utf8_in_a_folder_is_one_line()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("site"));
        File.WriteAllBytes(dir.File("site/projector_config.json"), [.. "{\"embeddings\":[{\"tensorName\":\""u8, 0xFF, 0xFE, .. "\",\"tensorShape\":[2,2],\"tensorPath\":\"a.bytes\"}]}"u8]);
        var run = CliRun.Of("inspect", dir.File("site"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not valid UTF-8 JSON", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nul_in_a_path_of_a_pbtxt_or_a_checkpoint_state_file_is_one_line()
    {
        using var dir = new TempDir();
        dir.Write("log1/projector_config.pbtxt", "embeddings {\n tensor_name: \"a\"\n tensor_path: \"x\\000y.tsv\"\n}\n");
        var run = CliRun.Of("inspect", dir.File("log1"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no file can have that name", run.Error, StringComparison.Ordinal);

        dir.Write("log3/checkpoint", "model_checkpoint_path: \"a\\000b\"\n");
        dir.Write("log3/projector_config.pbtxt", "embeddings { tensor_name: \"x\" }\n");
        Assert.Equal(2, CliRun.Of("inspect", dir.File("log3")).ExitCode);
    }

    [Fact]
    public void Converting_or_exporting_a_log_with_no_embedding_is_one_line()
    {
        using var dir = new TempDir();
        dir.Write("log/projector_config.pbtxt", string.Empty);
        var convert = CliRun.Of("convert", dir.File("log"), dir.File("out/projector_config.json"));
        Assert.Equal(2, convert.ExitCode);
        Assert.Contains("holds no embedding", convert.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")) && Directory.EnumerateFileSystemEntries(dir.File("out")).Any());
        Assert.Equal(2, CliRun.Of("export", dir.File("log"), "--out", dir.File("ex"), "--format", "standalone").ExitCode);
        Assert.Equal(2, CliRun.Of("project", dir.File("log"), "-o", dir.File("l.npy")).ExitCode);
    }
}
