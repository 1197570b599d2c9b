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

    [Fact]
    public void Read_warns_when_the_tensor_holds_fewer_rows_than_its_shape()
    {
        using var dir = new TempDir();
        dir.Write("t.bytes", new byte[2 * 2 * 4]);
        var config = dir.Write("c.json", """{"embeddings":[{"tensorName":"x","tensorShape":[5,2],"tensorPath":"t.bytes"}]}""");
        using var d = Assert.Single(StandaloneConfigReader.Read(config, ReadOptions.Default));
        Assert.Equal(2, d.Points);
        Assert.Contains("showing 2", Assert.Single(d.Warnings), StringComparison.Ordinal);
    }

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
