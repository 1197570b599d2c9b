using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.Standalone;

namespace Projector.Core.Tests.Formats.Standalone;

public sealed class StandaloneConfigReaderTests
{
    [Fact]
    public void Read_finds_files_named_by_foreign_absolute_and_windows_paths_and_warns_on_missing_metadata()
    {
        using var dir = new TempDir();
        using (var m = EmbeddingMatrix.FromArray([1, 2, 3, 4, 5, 6], 3, 2))
        {
            BytesWriter.Write(dir.File("t.bytes"), m);
        }

        dir.Write("names.tsv", "a\nb\nc\n");
        var config = dir.Write("projector_config.json", """
            { "embeddings": [
              { "tensorName": "one", "tensorShape": [3, 2], "tensorPath": "C:\\Users\\me\\proj\\t.bytes", "metadataPath": "/home/me/proj/names.tsv" },
              { "tensorName": "two", "tensorShape": [3, 2], "tensorPath": "./t.bytes", "metadataPath": "gone.tsv" } ] }
            """);
        var all = StandaloneConfigReader.Read(config, ReadOptions.Default);
        Assert.Equal(["one", "two"], all.Select(d => d.Name));
        Assert.Equal(["a", "b", "c"], all[0].Metadata["label"]!.Values);
        Assert.Contains("gone.tsv", Assert.Single(all[1].Warnings), StringComparison.Ordinal);
        foreach (var d in all)
        {
            d.Dispose();
        }
    }

    [Theory]
    [InlineData(5, 2, "[2, 2] (16 bytes)")] // fewer rows than declared
    [InlineData(1, 2, "[2, 2] (16 bytes)")] // more rows than declared: a prefix would look fine and be wrong
    [InlineData(2, 3, "16 bytes, not a whole number of 3-value float32 rows")]
    [InlineData(8, 1, "[4, 1] (16 bytes)")] // the same bytes read as another row width
    public void Read_refuses_a_tensor_whose_size_disagrees_with_tensorShape_naming_both_shapes(int rows, int columns, string held)
    {
        using var dir = new TempDir();
        dir.Write("t.bytes", new byte[2 * 2 * 4]);
        var config = dir.Write("c.json", $$"""{"embeddings":[{"tensorName":"x","tensorShape":[{{rows}},{{columns}}],"tensorPath":"t.bytes"}]}""");
        var e = Assert.Throws<DataFormatException>(() => StandaloneConfigReader.Read(config, ReadOptions.Default));
        Assert.Contains($"tensorShape is [{rows}, {columns}] but t.bytes holds {held}", e.Message, StringComparison.Ordinal);
        Assert.Equal(config, e.FilePath);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Read_refuses_a_tsv_tensor_whose_shape_disagrees_with_tensorShape()
    {
        using var dir = new TempDir();
        dir.Write("t.tsv", "1\t2\n3\t4\n5\t6\n");
        var config = dir.Write("c.json", """{"embeddings":[{"tensorName":"x","tensorShape":[2,3],"tensorPath":"t.tsv"}]}""");
        var e = Assert.Throws<DataFormatException>(() => StandaloneConfigReader.Read(config, ReadOptions.Default));
        Assert.Contains("tensorShape is [2, 3] but t.tsv holds [3, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_uses_a_local_copy_of_a_remote_tensor_only_when_it_matches_the_declared_shape()
    {
        using var dir = new TempDir();
        using (var m = EmbeddingMatrix.FromArray([1, 2, 3, 4, 5, 6], 3, 2))
        {
            BytesWriter.Write(dir.File("t.bytes"), m);
        }

        var url = "https://storage.example.org/proj/oss_data/t.bytes?raw=1";
        var good = dir.Write("good.json", $$"""{"embeddings":[{"tensorName":"x","tensorShape":[3,2],"tensorPath":"{{url}}"}]}""");
        using (var d = Assert.Single(StandaloneConfigReader.Read(good, ReadOptions.Default)))
        {
            Assert.Equal(3, d.Points);
            Assert.Contains(d.Warnings, w => w.Contains("is remote", StringComparison.Ordinal) && w.Contains("local copy t.bytes", StringComparison.Ordinal));
        }

        var wrong = dir.Write("wrong.json", $$"""{"embeddings":[{"tensorName":"x","tensorShape":[6,2],"tensorPath":"{{url}}"}]}""");
        var e = Assert.Throws<DataFormatException>(() => StandaloneConfigReader.Read(wrong, ReadOptions.Default));
        Assert.Contains("the tensor is remote", e.Message, StringComparison.Ordinal);
        Assert.Contains($"Download {url} to", e.Message, StringComparison.Ordinal);

        var absent = dir.Write("absent.json", """{"embeddings":[{"tensorName":"x","tensorShape":[3,2],"tensorPath":"https://example.org/data/other.bytes"}]}""");
        e = Assert.Throws<DataFormatException>(() => StandaloneConfigReader.Read(absent, ReadOptions.Default));
        Assert.Contains("is remote and no local copy of it was found", e.Message, StringComparison.Ordinal);
        Assert.Contains("Download it to " + dir.File("other.bytes"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_warns_with_a_download_hint_for_remote_metadata_and_sprites_without_a_local_copy()
    {
        using var dir = new TempDir();
        dir.Write("t.bytes", new byte[2 * 2 * 4]);
        var config = dir.Write("c.json", """
            {"embeddings":[{"tensorName":"x","tensorShape":[2,2],"tensorPath":"t.bytes",
              "metadataPath":"https://example.org/m.tsv","sprite":{"imagePath":"https://example.org/s.png","singleImageDim":[4,4]}}]}
            """);
        using var d = Assert.Single(StandaloneConfigReader.Read(config, ReadOptions.Default));
        Assert.Null(d.Sprite);
        Assert.Contains(d.Warnings, w => w.Contains("metadata 'https://example.org/m.tsv' is remote", StringComparison.Ordinal) && w.Contains(dir.File("m.tsv"), StringComparison.Ordinal));
        Assert.Contains(d.Warnings, w => w.Contains("sprite 'https://example.org/s.png' is remote", StringComparison.Ordinal) && w.Contains(dir.File("s.png"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://x.org/a.bytes", true)]
    [InlineData("gs://bucket/a.bytes", true)]
    [InlineData("file:///data/a.bytes", false)]
    [InlineData("oss_data/a.bytes", false)]
    [InlineData("C:\\data\\a.bytes", false)]
    public void IsRemote_tells_urls_from_local_paths(string raw, bool remote) => Assert.Equal(remote, ConfigPath.IsRemote(raw));

    [Fact]
    public void Read_refuses_a_missing_tensor_and_bad_json_in_one_line()
    {
        using var dir = new TempDir();
        var missing = dir.Write("c.json", """{"embeddings":[{"tensorName":"x","tensorShape":[5,2],"tensorPath":"nope.bytes"}]}""");
        Assert.Contains("nope.bytes", Assert.Throws<DataFormatException>(() => StandaloneConfigReader.Read(missing, ReadOptions.Default)).Message, StringComparison.Ordinal);
        var bad = dir.Write("b.json", "{\"embeddings\": [\n  {,\n]}");
        Assert.Equal(2, Assert.Throws<DataFormatException>(() => StandaloneConfigReader.Read(bad, ReadOptions.Default)).Line);
        var noList = dir.Write("n.json", "{}");
        Assert.Contains("embeddings", Assert.Throws<DataFormatException>(() => StandaloneConfigReader.Read(noList, ReadOptions.Default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_a_sprite_whose_grid_cannot_hold_every_point()
    {
        using var dir = new TempDir();
        dir.Write("t.bytes", new byte[5 * 2 * 4]);
        Projector.Core.Imaging.Png.PngEncoder.Save(new Projector.Core.Data.RgbaImage(8, 8), dir.File("s.png"));
        var config = dir.Write("c.json", """{"embeddings":[{"tensorName":"x","tensorShape":[5,2],"tensorPath":"t.bytes","sprite":{"imagePath":"s.png","singleImageDim":[4,4]}}]}""");
        var e = Assert.Throws<DataFormatException>(() => StandaloneConfigReader.Read(config, ReadOptions.Default));
        Assert.Contains("holds 4 images, fewer than the 5 points", e.Message, StringComparison.Ordinal);
        Assert.Contains("projector sprite", e.Message, StringComparison.Ordinal);
    }
}
