using Projector.Core.Publishing.Tiles;

namespace Projector.Core.Tests.Publishing.Tiles;

public sealed class TileSetReaderTests
{
    [Fact]
    public void A_truncated_or_corrupt_tiles_json_is_one_line_naming_the_file()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(5_000);
        TileSetWriter.Write(dir.Path, dataset, layout, new TileSetOptions { TilePoints = 500 });
        var path = dir.File("tiles.json");
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        AssertOneLine(Assert.Throws<DataFormatException>(() => TileSetReader.ReadManifest(dir.Path)), path, "not valid JSON");

        File.WriteAllText(path, "{\"format\":\"projector-tiles\",\"version\":1}");
        AssertOneLine(Assert.Throws<DataFormatException>(() => TileSetReader.ReadManifest(dir.Path)), path, "bounds");

        File.WriteAllBytes(path, bytes);
        var text = File.ReadAllText(path).Replace("\"points\":5000", "\"points\":5001", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        AssertOneLine(Assert.Throws<DataFormatException>(() => TileSetReader.ReadManifest(dir.Path)), path, "5001");

        AssertOneLine(Assert.Throws<DataFormatException>(() => TileSetReader.ReadManifest(dir.File("missing"))), dir.File("missing"), "does not exist");
    }

    [Fact]
    public void A_truncated_or_corrupt_tile_is_one_line_naming_the_file()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(5_000);
        var manifest = TileSetWriter.Write(dir.Path, dataset, layout, new TileSetOptions { TilePoints = 500 });
        var key = manifest.Tiles[^1].Key;
        var path = Path.Combine(dir.Path, key.Level.ToString(System.Globalization.CultureInfo.InvariantCulture), key.X.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{key.Y}.arrow");
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        AssertOneLine(Assert.Throws<DataFormatException>(() => TileSetReader.ReadTile(dir.Path, manifest, key)), path, "not a readable Arrow IPC file");

        File.WriteAllBytes(path, new byte[bytes.Length]);
        AssertOneLine(Assert.Throws<DataFormatException>(() => TileSetReader.ReadTile(dir.Path, manifest, key)), path, "not a readable Arrow IPC file");

        var other = manifest.Tiles.First(t => t.Points != manifest.Tiles[^1].Points);
        var otherPath = Path.Combine(dir.Path, other.Key.RelativePath);
        File.Copy(otherPath, path, overwrite: true);
        AssertOneLine(Assert.Throws<DataFormatException>(() => TileSetReader.ReadTile(dir.Path, manifest, key)), path, "tiles.json says");

        File.Delete(path);
        AssertOneLine(Assert.Throws<DataFormatException>(() => TileSetReader.ReadTile(dir.Path, manifest, key)), path, "does not exist");
    }

    private static void AssertOneLine(DataFormatException e, string path, string problem)
    {
        Assert.Equal(Path.GetFullPath(path), Path.GetFullPath(e.FilePath));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
