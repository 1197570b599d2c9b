using System.Buffers.Binary;
using System.Text;

namespace Projector.Core.Tests.Formats.Parquet;

/// <summary>How a hand-built file lays out its list column (the three encodings the Parquet spec allows).</summary>
public enum ListLayout
{
    /// <summary><c>optional group v (LIST) { repeated group list { optional float element } }</c>, as pyarrow writes.</summary>
    ThreeLevel,

    /// <summary><c>optional group v (LIST) { repeated float array }</c>, the legacy two-level form.</summary>
    TwoLevel,

    /// <summary><c>repeated float v</c>, a bare repeated primitive.</summary>
    RepeatedPrimitive,
}

/// <summary>
/// Builds a Parquet file byte by byte from the format specification: the PAR1 magic, one uncompressed
/// v1 data page per column (RLE levels, PLAIN values) and a Thrift compact footer written by hand.
/// </summary>
internal static class ParquetBytes
{
    private const int TypeFloat = 4;
    private const int TypeByteArray = 6;
    private const int Required = 0;
    private const int Optional = 1;
    private const int Repeated = 2;
    private const int ConvertedUtf8 = 0;
    private const int ConvertedList = 3;
    private const int EncodingPlain = 0;
    private const int EncodingRle = 3;

    /// <summary>A file with a float list column <paramref name="name"/> and a required UTF-8 column <c>label</c>.</summary>
    public static byte[] Build(ListLayout layout, string name, float?[]?[] rows, string[] labels, long? claimedVectorBytes = null, long? claimedRows = null)
    {
        using var file = new MemoryStream();
        file.Write("PAR1"u8);

        var (maxDef, listDef, path) = layout switch
        {
            ListLayout.ThreeLevel => (3, 2, new[] { name, "list", "element" }),
            ListLayout.TwoLevel => (2, 2, new[] { name, "array" }),
            _ => (1, 1, new[] { name }),
        };

        var vectorChunk = WriteVectorPage(file, rows, maxDef, listDef, out var vectorValues);
        var labelChunk = WriteLabelPage(file, labels);

        var t = new ThriftCompact();
        t.Int(1, 1);
        var schema = SchemaElements(layout, name);
        t.ListHeader(2, ThriftCompact.Struct, schema.Count);
        foreach (var write in schema)
        {
            t.BeginElementStruct();
            write(t);
            t.EndStruct();
        }

        t.Long(3, rows.Length);
        t.ListHeader(4, ThriftCompact.Struct, 1);
        t.BeginElementStruct();
        t.ListHeader(1, ThriftCompact.Struct, 2);
        Chunk(t, TypeFloat, path, vectorValues, claimedVectorBytes is { } claim ? (vectorChunk.Offset, claim) : vectorChunk);
        Chunk(t, TypeByteArray, ["label"], labels.Length, labelChunk);
        t.Long(2, vectorChunk.Size + labelChunk.Size);
        t.Long(3, claimedRows ?? rows.Length);
        t.EndStruct();
        t.String(6, "hand-built test writer");
        t.Stop();

        var footer = t.ToArray();
        file.Write(footer);
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, footer.Length);
        file.Write(len);
        file.Write("PAR1"u8);
        return file.ToArray();
    }

    private static List<Action<ThriftCompact>> SchemaElements(ListLayout layout, string name)
    {
        var list = new List<Action<ThriftCompact>> { t => t.String(4, "schema").Int(5, 2) };
        switch (layout)
        {
            case ListLayout.ThreeLevel:
                list.Add(t => t.Int(3, Optional).String(4, name).Int(5, 1).Int(6, ConvertedList));
                list.Add(t => t.Int(3, Repeated).String(4, "list").Int(5, 1));
                list.Add(t => t.Int(1, TypeFloat).Int(3, Optional).String(4, "element"));
                break;
            case ListLayout.TwoLevel:
                list.Add(t => t.Int(3, Optional).String(4, name).Int(5, 1).Int(6, ConvertedList));
                list.Add(t => t.Int(1, TypeFloat).Int(3, Repeated).String(4, "array"));
                break;
            default:
                list.Add(t => t.Int(1, TypeFloat).Int(3, Repeated).String(4, name));
                break;
        }

        list.Add(t => t.Int(1, TypeByteArray).Int(3, Required).String(4, "label").Int(6, ConvertedUtf8));
        return list;
    }

    private static void Chunk(ThriftCompact t, int type, string[] path, long values, (long Offset, long Size) chunk)
    {
        t.BeginElementStruct();
        t.Long(2, chunk.Offset);
        t.BeginStruct(3);
        t.Int(1, type);
        t.ListHeader(2, ThriftCompact.I32, 2).ElementInt(EncodingPlain).ElementInt(EncodingRle);
        t.ListHeader(3, ThriftCompact.Binary, path.Length);
        foreach (var p in path)
        {
            t.ElementString(p);
        }

        t.Int(4, 0);
        t.Long(5, values);
        t.Long(6, chunk.Size);
        t.Long(7, chunk.Size);
        t.Long(9, chunk.Offset);
        t.EndStruct();
        t.EndStruct();
    }

    private static (long Offset, long Size) WriteVectorPage(MemoryStream file, float?[]?[] rows, int maxDef, int listDef, out int entries)
    {
        var reps = new List<int>();
        var defs = new List<int>();
        var values = new List<float>();
        foreach (var row in rows)
        {
            if (row is null || row.Length == 0)
            {
                reps.Add(0);
                defs.Add(row is null ? 0 : listDef - 1);
                continue;
            }

            for (var i = 0; i < row.Length; i++)
            {
                reps.Add(i == 0 ? 0 : 1);
                defs.Add(row[i] is null ? maxDef - 1 : maxDef);
                if (row[i] is { } v)
                {
                    values.Add(v);
                }
            }
        }

        entries = reps.Count;
        using var body = new MemoryStream();
        WriteLevels(body, reps, 1);
        WriteLevels(body, defs, maxDef);
        Span<byte> b = stackalloc byte[4];
        foreach (var v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, v);
            body.Write(b);
        }

        return WritePage(file, body.ToArray(), entries);
    }

    private static (long Offset, long Size) WriteLabelPage(MemoryStream file, string[] labels)
    {
        using var body = new MemoryStream();
        Span<byte> len = stackalloc byte[4];
        foreach (var label in labels)
        {
            var bytes = Encoding.UTF8.GetBytes(label);
            BinaryPrimitives.WriteInt32LittleEndian(len, bytes.Length);
            body.Write(len);
            body.Write(bytes);
        }

        return WritePage(file, body.ToArray(), labels.Length);
    }

    private static (long Offset, long Size) WritePage(MemoryStream file, byte[] body, int entries)
    {
        var offset = file.Position;
        var header = new ThriftCompact()
            .Int(1, 0)
            .Int(2, body.Length)
            .Int(3, body.Length)
            .BeginStruct(5)
            .Int(1, entries)
            .Int(2, EncodingPlain)
            .Int(3, EncodingRle)
            .Int(4, EncodingRle)
            .EndStruct()
            .Stop()
            .ToArray();
        file.Write(header);
        file.Write(body);
        return (offset, file.Position - offset);
    }

    /// <summary>Levels as the RLE/bit-packed hybrid, one RLE run per level, behind a 4-byte length (data page v1).</summary>
    private static void WriteLevels(MemoryStream body, List<int> levels, int maxLevel)
    {
        _ = maxLevel; // every level here fits one byte, so the run value is one byte whatever the bit width
        using var runs = new MemoryStream();
        foreach (var level in levels)
        {
            runs.WriteByte(1 << 1);
            runs.WriteByte((byte)level);
        }

        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, (int)runs.Length);
        body.Write(len);
        runs.WriteTo(body);
    }
}
