using System.Text.Json;

namespace Projector.Core.Publishing.Tiles;

/// <summary>Writes and reads <c>tiles.json</c>; a file that does not parse or does not add up is refused with its path.</summary>
internal static class TileSetJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    public static void Write(Stream stream, TileSetManifest m)
    {
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        w.WriteString("format", TileSetManifest.FormatName);
        w.WriteNumber("version", m.Version);
        w.WriteString("name", m.Name);
        if (m.Layout is { } layout)
        {
            w.WriteString("layout", layout);
        }

        w.WriteNumber("points", m.Points);
        w.WriteNumber("dims", m.Dimensions);
        w.WriteNumber("tilePoints", m.TilePoints);
        w.WriteNumber("seed", m.Seed);
        w.WriteStartObject("bounds");
        w.WriteNumber("minX", m.MinX);
        w.WriteNumber("minY", m.MinY);
        w.WriteNumber("side", m.Side);
        w.WriteEndObject();
        w.WriteStartArray("dataBounds");
        foreach (var b in m.DataBounds)
        {
            w.WriteNumberValue(b);
        }

        w.WriteEndArray();
        w.WriteNumber("levels", m.Levels);
        w.WriteString("tilePath", "{level}/{x}/{y}.arrow");
        w.WriteStartArray("columns");
        foreach (var c in m.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", TypeName(c.Type));
            if (c.Values is { } values)
            {
                w.WriteStartArray("values");
                foreach (var v in values)
                {
                    w.WriteStringValue(v);
                }

                w.WriteEndArray();
            }

            if (c.Min is { } min && double.IsFinite(min))
            {
                w.WriteNumber("min", min);
            }

            if (c.Max is { } max && double.IsFinite(max))
            {
                w.WriteNumber("max", max);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        // [level, x, y, points] per tile: a 10M-point set has a few hundred tiles, so the file stays small.
        w.WriteStartArray("tiles");
        foreach (var t in m.Tiles)
        {
            w.WriteStartArray();
            w.WriteNumberValue(t.Key.Level);
            w.WriteNumberValue(t.Key.X);
            w.WriteNumberValue(t.Key.Y);
            w.WriteNumberValue(t.Points);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static TileSetManifest Read(string path, ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != TileSetManifest.FormatName)
            {
                throw Bad(path, $"is not a tile set description (no \"format\": \"{TileSetManifest.FormatName}\")");
            }

            var version = Int(path, root, "version");
            if (version != TileSetManifest.CurrentVersion)
            {
                throw Bad(path, $"is tile set format version {version}; this version of projector reads version {TileSetManifest.CurrentVersion}");
            }

            var bounds = Member(path, root, "bounds", JsonValueKind.Object);
            var m = new TileSetManifest
            {
                Version = version,
                Name = root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty,
                Layout = root.TryGetProperty("layout", out var layout) && layout.ValueKind == JsonValueKind.String ? layout.GetString() : null,
                Points = Int(path, root, "points"),
                Dimensions = Int(path, root, "dims"),
                TilePoints = Int(path, root, "tilePoints"),
                Seed = Int(path, root, "seed"),
                MinX = Number(path, bounds, "minX"),
                MinY = Number(path, bounds, "minY"),
                Side = Number(path, bounds, "side"),
                DataBounds = [.. Member(path, root, "dataBounds", JsonValueKind.Array).EnumerateArray().Select(e => e.GetDouble())],
                Levels = Int(path, root, "levels"),
                Columns = [.. Member(path, root, "columns", JsonValueKind.Array).EnumerateArray().Select(c => Column(path, c))],
                Tiles = [.. Member(path, root, "tiles", JsonValueKind.Array).EnumerateArray().Select(t => Tile(path, t))],
            };
            Check(path, m);
            return m;
        }
        catch (JsonException e)
        {
            throw Bad(path, $"is not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} ({FirstLine(e.Message)})", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw Bad(path, $"has a value of the wrong type ({FirstLine(e.Message)})", e);
        }
    }

    private static void Check(string path, TileSetManifest m)
    {
        if (m.Dimensions is not (2 or 3) || m.TilePoints < 1 || m.Points < 0 || !(m.Side > 0) || m.Levels is < 0 or > TileQuadtree.MaxLevel + 1)
        {
            throw Bad(path, "has a dims, tilePoints, points, bounds.side or levels out of range");
        }

        long sum = 0;
        foreach (var t in m.Tiles)
        {
            if (t.Key.Level < 0 || t.Key.Level >= m.Levels || t.Key.X < 0 || t.Key.Y < 0 || t.Key.X >= 1 << t.Key.Level || t.Key.Y >= 1 << t.Key.Level || t.Points < 1 || t.Points > m.TilePoints)
            {
                throw Bad(path, $"lists tile {t.Key.RelativePath} with {t.Points} points, outside the quadtree or the tile size");
            }

            sum += t.Points;
        }

        if (sum != m.Points)
        {
            throw Bad(path, $"lists tiles holding {sum} points in all, but says points = {m.Points}");
        }
    }

    private static TileColumn Column(string path, JsonElement c)
    {
        var name = Member(path, c, "name", JsonValueKind.String).GetString()!;
        var typeName = Member(path, c, "type", JsonValueKind.String).GetString()!;
        var type = ParseType(typeName) ?? throw Bad(path, $"gives column '{name}' the unknown type '{typeName}'");
        IReadOnlyList<string>? values = null;
        if (type == TileColumnType.Dictionary)
        {
            values = [.. Member(path, c, "values", JsonValueKind.Array).EnumerateArray().Select(v => v.GetString() ?? string.Empty)];
        }

        double? min = c.TryGetProperty("min", out var mn) ? mn.GetDouble() : null;
        double? max = c.TryGetProperty("max", out var mx) ? mx.GetDouble() : null;
        return new TileColumn(name, type, values, min, max);
    }

    private static TileInfo Tile(string path, JsonElement t)
    {
        if (t.ValueKind != JsonValueKind.Array || t.GetArrayLength() != 4)
        {
            throw Bad(path, "has a tile entry that is not [level, x, y, points]");
        }

        return new TileInfo(new TileKey(t[0].GetInt32(), t[1].GetInt32(), t[2].GetInt32()), t[3].GetInt32());
    }

    public static string TypeName(TileColumnType type) => type switch
    {
        TileColumnType.Float32 => "float32",
        TileColumnType.UInt32 => "uint32",
        TileColumnType.Float64 => "float64",
        TileColumnType.Utf8 => "utf8",
        _ => "dictionary",
    };

    private static TileColumnType? ParseType(string name) => name switch
    {
        "float32" => TileColumnType.Float32,
        "uint32" => TileColumnType.UInt32,
        "float64" => TileColumnType.Float64,
        "utf8" => TileColumnType.Utf8,
        "dictionary" => TileColumnType.Dictionary,
        _ => null,
    };

    private static JsonElement Member(string path, JsonElement e, string name, JsonValueKind kind) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == kind ? v : throw Bad(path, $"has no {kind.ToString().ToLowerInvariant()} \"{name}\"");

    private static int Int(string path, JsonElement e, string name) =>
        Member(path, e, name, JsonValueKind.Number).TryGetInt32(out var v) ? v : throw Bad(path, $"has a \"{name}\" that is not a 32-bit integer");

    private static double Number(string path, JsonElement e, string name) => Member(path, e, name, JsonValueKind.Number).GetDouble();

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static DataFormatException Bad(string path, string problem, Exception? inner = null) =>
        new(path, problem, "Write the tile set again from its data: it is damaged or from another program", inner: inner);
}
