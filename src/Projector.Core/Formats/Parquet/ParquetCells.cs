using System.Text;
using Parquet;
using Projector.Core.Formats.Columnar;

namespace Projector.Core.Formats.Parquet;

/// <summary>Reads one scalar column of a row group as metadata text, as numbers (for vector columns) or as bytes.</summary>
internal static class ParquetCells
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Whether values of <paramref name="t"/> are numbers.</summary>
    public static bool IsNumeric(Type t) =>
        t == typeof(float) || t == typeof(double) || t == typeof(Half) || t == typeof(decimal)
        || t == typeof(sbyte) || t == typeof(byte) || t == typeof(short) || t == typeof(ushort)
        || t == typeof(int) || t == typeof(uint) || t == typeof(long) || t == typeof(ulong);

    /// <summary>Whether <see cref="Text"/> knows how to turn values of <paramref name="t"/> into text.</summary>
    public static bool HasText(Type t) =>
        IsNumeric(t) || t == typeof(bool) || t == typeof(string) || t == typeof(ReadOnlyMemory<char>)
        || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan) || t == typeof(Guid);

    /// <summary>The column as text, one cell per row; null where missing.</summary>
    public static string?[] Text(ParquetRowGroupReader group, ParquetLeaf leaf, int rows, CancellationToken ct)
    {
        var t = leaf.Type;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            var s = new string?[rows];
            group.ReadAsync(leaf.Field, s!, null, ct).AsTask().GetAwaiter().GetResult();
            return s;
        }

        return t == typeof(bool) ? Map<bool>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(DateTime) && leaf.Field.SchemaElement?.LogicalType?.TIMESTAMP?.IsAdjustedToUTC == true
                ? Map<DateTime>(group, leaf, rows, ct, v => CellText.Of(DateTime.SpecifyKind(v, DateTimeKind.Utc)))
            : t == typeof(DateTime) ? Map<DateTime>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(DateOnly) ? Map<DateOnly>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(TimeOnly) ? Map<TimeOnly>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(TimeSpan) ? Map<TimeSpan>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(Guid) ? Map<Guid>(group, leaf, rows, ct, g => g.ToString("D"))
            : t == typeof(decimal) ? Map<decimal>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(float) ? Map<float>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(ulong) ? Map<ulong>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(long) ? Map<long>(group, leaf, rows, ct, CellText.Of)
            : t == typeof(uint) ? Map<uint>(group, leaf, rows, ct, v => CellText.Of((long)v))
            : t == typeof(int) ? Map<int>(group, leaf, rows, ct, v => CellText.Of((long)v))
            : t == typeof(ushort) ? Map<ushort>(group, leaf, rows, ct, v => CellText.Of((long)v))
            : t == typeof(short) ? Map<short>(group, leaf, rows, ct, v => CellText.Of((long)v))
            : t == typeof(byte) ? Map<byte>(group, leaf, rows, ct, v => CellText.Of((long)v))
            : t == typeof(sbyte) ? Map<sbyte>(group, leaf, rows, ct, v => CellText.Of((long)v))

            // double and float16: the double's round-trip text is exact for both.
            : IsNumeric(t) ? [.. Numbers(group, leaf, rows, ct).Select(v => v is { } d ? CellText.Of(d) : null)]
            : throw new InvalidOperationException($"No text for {t}.");
    }

    /// <summary>The column as numbers, one per row; null where missing.</summary>
    public static double?[] Numbers(ParquetRowGroupReader group, ParquetLeaf leaf, int rows, CancellationToken ct)
    {
        var t = leaf.Type;
        return t == typeof(double) ? ReadNullable<double>(group, leaf, rows, ct)
            : t == typeof(float) ? Convert<float>(group, leaf, rows, ct, v => v)
            : t == typeof(Half) ? Convert<Half>(group, leaf, rows, ct, v => (double)v)
            : t == typeof(decimal) ? Convert<decimal>(group, leaf, rows, ct, v => (double)v)
            : t == typeof(sbyte) ? Convert<sbyte>(group, leaf, rows, ct, v => v)
            : t == typeof(byte) ? Convert<byte>(group, leaf, rows, ct, v => v)
            : t == typeof(short) ? Convert<short>(group, leaf, rows, ct, v => v)
            : t == typeof(ushort) ? Convert<ushort>(group, leaf, rows, ct, v => v)
            : t == typeof(int) ? Convert<int>(group, leaf, rows, ct, v => v)
            : t == typeof(uint) ? Convert<uint>(group, leaf, rows, ct, v => v)
            : t == typeof(long) ? Convert<long>(group, leaf, rows, ct, v => v)
            : t == typeof(ulong) ? Convert<ulong>(group, leaf, rows, ct, v => v)
            : throw new InvalidOperationException($"{t} is not a number.");
    }

    /// <summary>The column as raw bytes, one value per row; null where missing.</summary>
    public static byte[]?[] Bytes(ParquetRowGroupReader group, ParquetLeaf leaf, int rows, CancellationToken ct)
    {
        var b = new byte[]?[rows];
        group.ReadAsync(leaf.Field, b!, null, ct).AsTask().GetAwaiter().GetResult();
        return b;
    }

    /// <summary>Binary cells as UTF-8 text, or null when some cell is not valid UTF-8.</summary>
    public static string?[]? AsUtf8(byte[]?[] cells)
    {
        var text = new string?[cells.Length];
        try
        {
            for (var i = 0; i < cells.Length; i++)
            {
                text[i] = cells[i] is { } c ? StrictUtf8.GetString(c) : null;
            }
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return text;
    }

    private static T?[] ReadNullable<T>(ParquetRowGroupReader group, ParquetLeaf leaf, int rows, CancellationToken ct)
        where T : struct
    {
        var values = new T?[rows];
        group.ReadAsync<T>(leaf.Field, (Memory<T?>)values, null, ct).AsTask().GetAwaiter().GetResult();
        return values;
    }

    private static double?[] Convert<T>(ParquetRowGroupReader group, ParquetLeaf leaf, int rows, CancellationToken ct, Func<T, double> convert)
        where T : struct =>
        [.. ReadNullable<T>(group, leaf, rows, ct).Select(v => v is { } x ? convert(x) : (double?)null)];

    private static string?[] Map<T>(ParquetRowGroupReader group, ParquetLeaf leaf, int rows, CancellationToken ct, Func<T, string> text)
        where T : struct =>
        [.. ReadNullable<T>(group, leaf, rows, ct).Select(v => v is { } x ? text(x) : null)];
}
