using System.Text;
using Apache.Arrow;
using Projector.Core.Formats.Columnar;

namespace Projector.Core.Formats.Arrow;

/// <summary>Reads the cells of an Arrow array as metadata text or as numbers, by the array's type.</summary>
internal static class ArrowCells
{
    /// <summary>A reader of cell i as text (null where missing), or null when the type is not read as metadata.</summary>
    public static Func<int, string?>? Text(IArrowArray array) => array switch
    {
        // GetString decodes through an unchecked pointer (a damaged offset reads outside the buffer and
        // crashes the process); GetBytes slices a span, so a bad offset throws instead.
        StringArray a => i => a.IsNull(i) ? null : Encoding.UTF8.GetString(a.GetBytes(i)),
        LargeStringArray a => i => a.IsNull(i) ? null : Encoding.UTF8.GetString(a.GetBytes(i)),
        StringViewArray a => i => a.IsNull(i) ? null : Encoding.UTF8.GetString(a.GetBytes(i)),
        BooleanArray a => i => a.GetValue(i) is { } v ? CellText.Of(v) : null,
        FloatArray a => i => a.GetValue(i) is { } v ? CellText.Of(v) : null,
        HalfFloatArray a => i => a.GetValue(i) is { } v ? CellText.Of(v) : null,
        UInt64Array a => i => a.GetValue(i) is { } v ? CellText.Of(v) : null,
        Int64Array a => i => a.GetValue(i) is { } v ? CellText.Of(v) : null,
        Decimal128Array a => i => a.IsNull(i) ? null : a.GetString(i),
        Date32Array a => i => a.GetDateOnly(i) is { } v ? CellText.Of(v) : null,
        Date64Array a => i => a.GetDateOnly(i) is { } v ? CellText.Of(v) : null,
        TimestampArray a => i => a.GetTimestamp(i) is { } v ? CellText.Of(v) : null,
        DictionaryArray a => Dictionary(a),
        _ when Number(array) is { } number => i => number(i) is { } v ? CellText.Of(v) : null,
        _ => null,
    };

    /// <summary>A reader of cell i as a number (null where missing), or null when the array does not hold numbers.</summary>
    public static Func<int, double?>? Number(IArrowArray array) => array switch
    {
        DoubleArray a => i => a.GetValue(i),
        FloatArray a => i => a.GetValue(i),
        HalfFloatArray a => i => a.GetValue(i) is { } h ? (double)h : null,
        Int8Array a => i => a.GetValue(i),
        UInt8Array a => i => a.GetValue(i),
        Int16Array a => i => a.GetValue(i),
        UInt16Array a => i => a.GetValue(i),
        Int32Array a => i => a.GetValue(i),
        UInt32Array a => i => a.GetValue(i),
        Int64Array a => i => a.GetValue(i),
        UInt64Array a => i => a.GetValue(i),
        _ => null,
    };

    private static Func<int, string?>? Dictionary(DictionaryArray a)
    {
        var index = Number(a.Indices);
        var values = Text(a.Dictionary);
        if (index is null || values is null)
        {
            return null;
        }

        var length = a.Dictionary.Length;
        return i => index(i) is { } k && k >= 0 && k < length ? values((int)k) : null;
    }
}
