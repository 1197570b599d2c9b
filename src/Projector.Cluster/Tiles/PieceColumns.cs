using System.Buffers.Binary;
using System.Text;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Tiles;

/// <summary>
/// A piece's metadata values as its shard file stores them, column after column, little-endian: a
/// dictionary column as int32 codes (-1 missing); a number column as float64 values then one byte per
/// value (1: missing); a text column as int32 UTF-8 lengths (-1 missing) then the bytes.
/// </summary>
internal static class PieceColumns
{
    /// <summary>Writes values <paramref name="order"/>[from..from+count] of each column to <paramref name="output"/>.</summary>
    public static void Write(Stream output, IReadOnlyList<TileColumnValues> columns, int[] order, int from, int count)
    {
        foreach (var column in columns)
        {
            switch (column.Column.Type)
            {
                case TileColumnType.Dictionary:
                    {
                        var bytes = new byte[4 * count];
                        for (var k = 0; k < count; k++)
                        {
                            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * k), column.Codes[order[from + k]]);
                        }

                        output.Write(bytes);
                        break;
                    }

                case TileColumnType.Float64:
                    {
                        var bytes = new byte[9 * count];
                        for (var k = 0; k < count; k++)
                        {
                            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * k), column.Numbers[order[from + k]]);
                            bytes[(8 * count) + k] = column.Missing[order[from + k]] ? (byte)1 : (byte)0;
                        }

                        output.Write(bytes);
                        break;
                    }

                default:
                    {
                        var lengths = new byte[4 * count];
                        var text = new MemoryStream();
                        for (var k = 0; k < count; k++)
                        {
                            var value = column.Texts[order[from + k]];
                            var utf8 = value is null ? null : Encoding.UTF8.GetBytes(value);
                            BinaryPrimitives.WriteInt32LittleEndian(lengths.AsSpan(4 * k), utf8?.Length ?? -1);
                            text.Write(utf8);
                        }

                        output.Write(lengths);
                        text.Position = 0;
                        text.CopyTo(output);
                        break;
                    }
            }
        }
    }

    /// <summary>Appends <paramref name="count"/> values of each column from <paramref name="bytes"/>; false when they do not fit its length exactly.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, IReadOnlyList<TileColumnValues> columns, int count)
    {
        var at = 0;
        foreach (var column in columns)
        {
            switch (column.Column.Type)
            {
                case TileColumnType.Dictionary:
                    if (bytes.Length - at < 4L * count)
                    {
                        return false;
                    }

                    for (var k = 0; k < count; k++)
                    {
                        var code = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + (4 * k))..]);
                        if (code < -1 || code >= (column.Column.Values?.Count ?? 0))
                        {
                            return false;
                        }

                        column.Codes.Add(code);
                    }

                    at += 4 * count;
                    break;
                case TileColumnType.Float64:
                    if (bytes.Length - at < 9L * count)
                    {
                        return false;
                    }

                    for (var k = 0; k < count; k++)
                    {
                        column.Numbers.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes[(at + (8 * k))..]));
                        column.Missing.Add(bytes[at + (8 * count) + k] != 0);
                    }

                    at += 9 * count;
                    break;
                default:
                    {
                        if (bytes.Length - at < 4L * count)
                        {
                            return false;
                        }

                        var text = at + (4 * count);
                        for (var k = 0; k < count; k++)
                        {
                            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + (4 * k))..]);
                            if (length < -1 || (length > 0 && bytes.Length - text < length))
                            {
                                return false;
                            }

                            column.Texts.Add(length < 0 ? null : Encoding.UTF8.GetString(bytes.Slice(text, length)));
                            text += Math.Max(length, 0);
                        }

                        at = text;
                        break;
                    }
            }
        }

        return at == bytes.Length;
    }
}
