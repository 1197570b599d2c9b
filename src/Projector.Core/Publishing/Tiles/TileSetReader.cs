using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Projector.Core.Formats.Arrow;

namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// Reads a tile set back: its <c>tiles.json</c> and its tiles, checking each against the description.
/// A file that is truncated, corrupt or does not match is refused with one line naming it.
/// </summary>
public static class TileSetReader
{
    /// <summary>Largest tiles.json read: a 10M-point set's is a few tens of KB.</summary>
    private const long MaxManifestBytes = 64L << 20;

    /// <summary>Reads <c>tiles.json</c> from <paramref name="path"/>, a tile set's folder or the file itself.</summary>
    /// <exception cref="DataFormatException">The file is missing, too large, not JSON or does not describe a tile set.</exception>
    public static TileSetManifest ReadManifest(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, TileSetManifest.FileName) : path;
        if (!File.Exists(file))
        {
            throw new DataFormatException(file, "does not exist", "Give a tile set's folder (holding tiles.json and its level folders)");
        }

        var length = new FileInfo(file).Length;
        if (length > MaxManifestBytes)
        {
            throw new DataFormatException(file, $"is {length} bytes, more than a tile set description can be", "Give the tiles.json of a tile set");
        }

        return TileSetJson.Read(file, File.ReadAllBytes(file));
    }

    /// <summary>Reads tile <paramref name="key"/> of the set in <paramref name="folder"/>, checked against <paramref name="manifest"/>.</summary>
    /// <exception cref="DataFormatException">The tile is missing, is no Arrow IPC file, or its fields or point count differ from the description.</exception>
    public static TileContents ReadTile(string folder, TileSetManifest manifest, TileKey key)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(manifest);
        var path = Path.Combine(folder, key.Level.ToString(CultureInfo.InvariantCulture), key.X.ToString(CultureInfo.InvariantCulture), key.Y.ToString(CultureInfo.InvariantCulture) + ".arrow");
        if (!File.Exists(path))
        {
            throw Bad(path, "does not exist");
        }

        var expected = manifest.Tiles.FirstOrDefault(t => t.Key == key);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new ArrowFileReader(stream);
            var ids = new List<uint>();
            var positions = new List<float>();
            var columns = manifest.Columns.Skip(manifest.Dimensions + 1).ToDictionary(c => c.Name, _ => new List<string?>(), StringComparer.Ordinal);
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                using (batch)
                {
                    Read(path, manifest, batch, ids, positions, columns);
                }
            }

            if (expected.Points != ids.Count)
            {
                throw Bad(path, $"holds {ids.Count} points but tiles.json says {expected.Points}");
            }

            return new TileContents(ids, positions, manifest.Dimensions, columns.ToDictionary(c => c.Key, c => (IReadOnlyList<string?>)c.Value, StringComparer.Ordinal));
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or EndOfStreamException or OverflowException or IOException and not FileNotFoundException)
        {
            throw Bad(path, $"is not a readable Arrow IPC file ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    private static void Read(string path, TileSetManifest manifest, RecordBatch batch, List<uint> ids, List<float> positions, Dictionary<string, List<string?>> columns)
    {
        var dims = manifest.Dimensions;
        var axes = new FloatArray[dims];
        for (var d = 0; d < dims; d++)
        {
            axes[d] = batch.Column(manifest.Columns[d].Name) as FloatArray ?? throw Bad(path, $"has no float32 field '{manifest.Columns[d].Name}'");
        }

        var id = batch.Column(TilePositions.Id) as UInt32Array ?? throw Bad(path, $"has no uint32 field '{TilePositions.Id}'");
        for (var i = 0; i < batch.Length; i++)
        {
            ids.Add(id.GetValue(i) ?? throw Bad(path, $"has a missing id at row {i}"));
            for (var d = 0; d < dims; d++)
            {
                positions.Add(axes[d].GetValue(i) ?? float.NaN);
            }
        }

        foreach (var (name, values) in columns)
        {
            var array = batch.Column(name) ?? throw Bad(path, $"has no field '{name}', which tiles.json lists");
            var cell = ArrowCells.Text(array) ?? throw Bad(path, $"field '{name}' has a type tile sets do not use");
            for (var i = 0; i < batch.Length; i++)
            {
                values.Add(cell(i));
            }
        }
    }

    private static DataFormatException Bad(string path, string problem, Exception? inner = null) =>
        new(path, problem, "Write the tile set again from its data: it is damaged or from another program", inner: inner);
}
