using Apache.Arrow;
using Apache.Arrow.Types;
using Projector.Core.Formats.Columnar;

namespace Projector.Core.Formats.Arrow;

/// <summary>Copies the vectors of a fixed_size_list, list or large_list column of float32/float64/float16 into a <see cref="VectorSink"/>, batch by batch.</summary>
internal static class ArrowVectorColumn
{
    /// <summary>Whether <paramref name="type"/> is a list type of floats.</summary>
    public static bool IsFloatList(IArrowType type) => type switch
    {
        FixedSizeListType f => IsFloat(f.ValueDataType),
        ListType l => IsFloat(l.ValueDataType),
        LargeListType l => IsFloat(l.ValueDataType),
        _ => false,
    };

    /// <summary>The element type name, for <see cref="Data.Dataset.SourceDType"/>.</summary>
    public static string DType(IArrowType type)
    {
        var value = type switch
        {
            FixedSizeListType f => f.ValueDataType,
            ListType l => l.ValueDataType,
            LargeListType l => l.ValueDataType,
            _ => type,
        };
        return value.TypeId switch
        {
            ArrowTypeId.Double => "float64",
            ArrowTypeId.HalfFloat => "float16",
            _ => "float32",
        };
    }

    /// <summary>Adds every row of <paramref name="array"/> (batch <paramref name="batch"/>) to <paramref name="sink"/>.</summary>
    public static void Read(IArrowArray array, int batch, VectorSink sink)
    {
        var (values, bounds) = array switch
        {
            FixedSizeListArray a => (a.Values, (Func<int, (long Start, long Length)>)(r => ((long)(a.Offset + r) * ((FixedSizeListType)a.Data.DataType).ListSize, ((FixedSizeListType)a.Data.DataType).ListSize))),
            ListArray a => (a.Values, r => (a.ValueOffsets[r], a.ValueOffsets[r + 1] - a.ValueOffsets[r])),
            LargeListArray a => (a.Values, r => (a.ValueOffsets[r], a.ValueOffsets[r + 1] - a.ValueOffsets[r])),
            _ => throw new InvalidOperationException("Not a list array."),
        };

        for (var r = 0; r < array.Length; r++)
        {
            var (start, length) = bounds(r);
            if (array.IsNull(r))
            {
                sink.Add(-1, batch);
            }

            if (start < 0 || length < 0 || start + length > values.Length)
            {
                var problem = start < 0 || length < 0 ? "the list's value offsets are damaged" : $"the list points at values {start}..{start + length} of {values.Length}";
                throw sink.Error(problem, "The file is damaged; write it again", batch);
            }

            var row = sink.Add(length, batch);
            if (values.NullCount > 0)
            {
                for (var k = 0; k < length; k++)
                {
                    if (values.IsNull((int)start + k))
                    {
                        throw sink.Error($"value {k + 1} of the vector is null", "Fill in or drop that row", batch, sink.Rows - 1);
                    }
                }
            }

            Copy(values, (int)start, row);
            sink.CheckFinite(row, batch);
        }
    }

    private static bool IsFloat(IArrowType type) => type.TypeId is ArrowTypeId.Float or ArrowTypeId.Double or ArrowTypeId.HalfFloat;

    private static void Copy(IArrowArray values, int start, Span<float> row)
    {
        switch (values)
        {
            case FloatArray f:
                f.Values.Slice(start, row.Length).CopyTo(row);
                break;
            case DoubleArray d:
                var doubles = d.Values.Slice(start, row.Length);
                for (var k = 0; k < row.Length; k++)
                {
                    row[k] = (float)doubles[k];
                }

                break;
            case HalfFloatArray h:
                var halves = h.Values.Slice(start, row.Length);
                for (var k = 0; k < row.Length; k++)
                {
                    row[k] = (float)halves[k];
                }

                break;
            default:
                throw new InvalidOperationException("Not a float array.");
        }
    }
}
