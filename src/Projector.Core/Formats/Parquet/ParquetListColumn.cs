using Parquet;
using Projector.Core.Formats.Columnar;

namespace Projector.Core.Formats.Parquet;

/// <summary>
/// Decodes a list column (3-level LIST, legacy 2-level list or repeated primitive: all one repeated
/// level) row group by row group into a <see cref="VectorSink"/>, from the raw values and the
/// repetition/definition levels, reusing its buffers across row groups.
/// </summary>
internal sealed class ParquetListColumn(ParquetLeaf leaf)
{
    private float[] _floats = [];
    private double[] _doubles = [];
    private Half[] _halves = [];
    private int[] _defs = [];
    private int[] _reps = [];

    /// <summary>Element type in the file, for <see cref="Data.Dataset.SourceDType"/>.</summary>
    public string DType => leaf.Type == typeof(double) ? "float64" : leaf.Type == typeof(Half) ? "float16" : "float32";

    /// <summary>Reads row group <paramref name="index"/> and adds its rows to <paramref name="sink"/>.</summary>
    public void Read(ParquetRowGroupReader group, int index, VectorSink sink, CancellationToken ct)
    {
        var n = (int)(group.GetMetadata(leaf.Field)?.MetaData?.NumValues ?? 0);
        Grow(ref _defs, n);
        Grow(ref _reps, n);
        var defs = _defs.AsMemory(0, n);
        var reps = _reps.AsMemory(0, n);
        if (leaf.Type == typeof(float))
        {
            Grow(ref _floats, n);
            group.ReadRawAsync<float>(leaf.Field, _floats.AsMemory(0, n), defs, reps, ct).AsTask().GetAwaiter().GetResult();
        }
        else if (leaf.Type == typeof(double))
        {
            Grow(ref _doubles, n);
            group.ReadRawAsync<double>(leaf.Field, _doubles.AsMemory(0, n), defs, reps, ct).AsTask().GetAwaiter().GetResult();
        }
        else
        {
            Grow(ref _halves, n);
            group.ReadRawAsync<Half>(leaf.Field, _halves.AsMemory(0, n), defs, reps, ct).AsTask().GetAwaiter().GetResult();
        }

        var before = sink.Rows;
        Walk(n, index, sink, ct);
        if (sink.Rows - before != group.RowCount)
        {
            throw sink.Error($"the row group holds {sink.Rows - before} vectors but declares {group.RowCount} rows", "The file is damaged; write it again", index, sink.Rows - 1);
        }
    }

    private static void Grow<T>(ref T[] buffer, int n)
    {
        if (buffer.Length < n)
        {
            buffer = new T[n];
        }
    }

    private void Walk(int n, int index, VectorSink sink, CancellationToken ct)
    {
        var defs = _defs.AsSpan(0, n);
        var reps = _reps.AsSpan(0, n);
        var maxDef = leaf.MaxDef;
        var value = 0;
        for (var i = 0; i < n;)
        {
            if (reps[i] != 0)
            {
                throw sink.Error("the repetition levels do not start a new row here", "The file is damaged; write it again", index);
            }

            var end = reps[(i + 1)..].IndexOf(0);
            end = end < 0 ? n : i + 1 + end;
            if (defs[i] < leaf.ListDef)
            {
                // Below the repeated level there is no entry: a null list when an optional level above it is unset, else empty.
                sink.Add(defs[i] < leaf.ListDef - 1 ? -1 : 0, index);
            }

            var length = end - i;
            var row = sink.Add(length, index);
            var nullAt = defs.Slice(i, length).IndexOfAnyExcept(maxDef);
            if (nullAt >= 0)
            {
                throw sink.Error($"value {nullAt + 1} of the vector is null", "Fill in or drop that row", index, sink.Rows - 1);
            }

            if (leaf.Type == typeof(float))
            {
                _floats.AsSpan(value, length).CopyTo(row);
            }
            else if (leaf.Type == typeof(double))
            {
                for (var k = 0; k < length; k++)
                {
                    row[k] = (float)_doubles[value + k];
                }
            }
            else
            {
                for (var k = 0; k < length; k++)
                {
                    row[k] = (float)_halves[value + k];
                }
            }

            sink.CheckFinite(row, index);
            value += length;
            i = end;
            if ((sink.Rows & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }
    }
}
