using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.TensorBoard;

namespace Projector.Core.Tests.Formats;

public sealed class FileConfinementTests
{
    [Theory]
    [InlineData("../secret.tsv")]
    [InlineData("{outside}/secret.tsv")]
    [InlineData("link.tsv")] // a symbolic link in the folder that leads out of it
    [InlineData("linked-dir/secret.tsv")] // a linked folder in the middle of the path
    public void A_config_naming_a_file_outside_the_given_folder_is_refused_naming_the_config_the_path_and_the_folder(string metadataPath)
    {
        using var dir = new TempDir();
        var (site, config) = SiteNaming(dir, metadataPath);
        var confined = new ReadOptions { Confinement = new FileConfinement([site]) };
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.ReadAll(site, confined));
        Assert.Contains(config, e.Message, StringComparison.Ordinal);
        Assert.Contains("outside the folder given (" + site + ")", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warning_mode_reads_the_outside_file_and_says_so_and_an_allowed_folder_is_read_quietly()
    {
        using var dir = new TempDir();
        var (site, _) = SiteNaming(dir, "../secret.tsv");
        using (var warned = Assert.Single(DatasetReader.ReadAll(site, new ReadOptions { Confinement = new FileConfinement([site]) { Refuse = false } })))
        {
            Assert.Equal("root:x:0", warned.Metadata.Columns[0][0]);
            Assert.Contains(warned.Warnings, w => w.Contains("'../secret.tsv'", StringComparison.Ordinal) && w.Contains("outside the folder given", StringComparison.Ordinal));
        }

        using var allowed = Assert.Single(DatasetReader.ReadAll(site, new ReadOptions { Confinement = new FileConfinement([site]) { AlsoAllowed = [dir.Path] } }));
        Assert.Equal("root:x:0", allowed.Metadata.Columns[0][0]);
        Assert.Empty(allowed.Warnings);
    }

    [Fact]
    public void A_file_of_the_same_name_inside_the_folder_is_preferred_to_an_absolute_path_outside()
    {
        using var dir = new TempDir();
        var (site, _) = SiteNaming(dir, "{outside}/secret.tsv");
        dir.Write("site/secret.tsv", "inside\nb\nc\n");
        using var d = Assert.Single(DatasetReader.ReadAll(site, new ReadOptions { Confinement = new FileConfinement([site]) }));
        Assert.Equal("inside", d.Metadata.Columns[0][0]);
    }

    [Fact]
    public void A_checkpoint_data_shard_linked_from_outside_is_refused()
    {
        using var dir = new TempDir();
        var outside = Directory.CreateDirectory(dir.File("elsewhere")).FullName;
        using (var m = EmbeddingMatrix.FromArray([1, 2, 3, 4, 5, 6], 3, 2))
        using (var dataset = new Dataset("embedding", m))
        {
            var log = new ProjectorLogWriter(dir.File("log"));
            log.Add(dataset);
            log.Write(step: 1);
        }

        var shard = Directory.GetFiles(dir.File("log"), "*.data-*").Single();
        var moved = Path.Combine(outside, Path.GetFileName(shard));
        File.Move(shard, moved);
        File.CreateSymbolicLink(shard, moved);
        var log2 = dir.File("log");
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.ReadAll(log2, new ReadOptions { Confinement = new FileConfinement([log2]) }));
        Assert.Contains(".index", e.FilePath, StringComparison.Ordinal);
        Assert.Contains("outside the folder given", e.Message, StringComparison.Ordinal);
        using var unconfined = Assert.Single(DatasetReader.ReadAll(log2, ReadOptions.Default));
        Assert.Equal(3, unconfined.Points);
    }

    // A site folder whose config names its metadata by metadataPath; ../secret.tsv lies beside the site.
    private static (string Site, string Config) SiteNaming(TempDir dir, string metadataPath)
    {
        dir.Write("secret.tsv", "root:x:0\nb\nc\n");
        Directory.CreateDirectory(dir.File("outside-dir"));
        File.Copy(dir.File("secret.tsv"), dir.File("outside-dir/secret.tsv"));
        var site = Directory.CreateDirectory(dir.File("site")).FullName;
        using (var m = EmbeddingMatrix.FromArray([1, 2, 3, 4, 5, 6], 3, 2))
        {
            BytesWriter.Write(dir.File("site/t.bytes"), m);
        }

        File.CreateSymbolicLink(dir.File("site/link.tsv"), dir.File("secret.tsv"));
        Directory.CreateSymbolicLink(dir.File("site/linked-dir"), dir.File("outside-dir"));
        var path = metadataPath.Replace("{outside}", dir.Path, StringComparison.Ordinal);
        var config = dir.Write("site/projector_config.json", $$"""{"embeddings":[{"tensorName":"t","tensorShape":[3,2],"tensorPath":"t.bytes","metadataPath":"{{path}}"}]}""");
        return (site, config);
    }
}
