using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// Writes one tile as an Arrow IPC file with one record batch: x, y (z), id, then the carried metadata
/// columns, dictionary columns with the set's whole dictionary so codes mean the same in every tile.
/// Buffers are uncompressed: the page's Arrow reader (apache-arrow for JavaScript) reads no codec.
/// </summary>
internal sealed class TileArrowWriter
{
    private static readonly DictionaryType DictionaryText = new(Int32Type.Default, StringType.Default, false);

    private readonly float[] _positions;
    private readonly int _dims;
    private readonly TileColumns _columns;
    private readonly Schema _schema;

    public TileArrowWriter(float[] positions, int dims, TileColumns columns)
    {
        _positions = positions;
        _dims = dims;
        _columns = columns;
        var builder = new Schema.Builder();
        foreach (var p in TilePositions.Columns(dims))
        {
            builder.Field(new Field(p.Name, p.Type == TileColumnType.UInt32 ? UInt32Type.Default : FloatType.Default, nullable: false));
        }

        for (var i = 0; i < columns.Carried.Count; i++)
        {
            var c = columns.Carried[i].Column;
            IArrowType type = c.Type switch
            {
                TileColumnType.Dictionary => DictionaryText,
                TileColumnType.Float64 => DoubleType.Default,
                _ => StringType.Default,
            };
            builder.Field(new Field(c.Name, type, nullable: true));
        }

        _schema = builder.Build();
    }

    public void Write(Stream output, ReadOnlySpan<int> rows) => Write(output, rows, _positions, byRow: true);

    /// <summary>Writes a tile whose positions come with it (rows.Length x dims, in the order of <paramref name="rows"/>), not from the whole layout's.</summary>
    public void Write(Stream output, ReadOnlySpan<int> rows, ReadOnlySpan<float> positions) => Write(output, rows, positions, byRow: false);

    /// <summary>
    /// Writes a tile whose positions and metadata values come with it, in the order of <paramref name="rows"/>:
    /// one <see cref="TileColumnValues"/> per carried column, for columns planned beforehand (<see cref="TileColumns.FromPlans"/>).
    /// </summary>
    public void Write(Stream output, ReadOnlySpan<int> rows, ReadOnlySpan<float> positions, IReadOnlyList<TileColumnValues> values)
    {
        var n = rows.Length;
        if (values.Count != _columns.Carried.Count || values.Any(v => v.Count != n))
        {
            throw new ArgumentException($"{values.Count} value columns for {_columns.Carried.Count} carried columns, each of {rows.Length} rows.", nameof(values));
        }

        Write(output, rows, positions, byRow: false, values);
    }

    private void Write(Stream output, ReadOnlySpan<int> rows, ReadOnlySpan<float> positions, bool byRow, IReadOnlyList<TileColumnValues>? values = null)
    {
        var n = rows.Length;
        var arrays = new List<IArrowArray>();
        for (var d = 0; d < _dims; d++)
        {
            var axis = new float[n];
            for (var i = 0; i < n; i++)
            {
                axis[i] = positions[((byRow ? rows[i] : i) * _dims) + d];
            }

            arrays.Add(new FloatArray(new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(axis.AsSpan()).ToArray()), ArrowBuffer.Empty, n, 0, 0));
        }

        var ids = new uint[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = (uint)rows[i];
        }

        arrays.Add(new UInt32Array(new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan()).ToArray()), ArrowBuffer.Empty, n, 0, 0));
        for (var i = 0; i < _columns.Carried.Count; i++)
        {
            arrays.Add(values is null ? Column(_columns.Carried[i], rows) : values[i].ToArrow(DictionaryText));
        }

        using var batch = new RecordBatch(_schema, arrays, n);
        using var writer = new ArrowFileWriter(output, _schema, leaveOpen: true);
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    private static IArrowArray Column(TileColumns.CarriedColumn carried, ReadOnlySpan<int> rows)
    {
        switch (carried.Column.Type)
        {
            case TileColumnType.Dictionary:
                {
                    var codes = new Int32Array.Builder().Reserve(rows.Length);
                    foreach (var r in rows)
                    {
                        var code = carried.Codes![r];
                        if (code < 0)
                        {
                            codes.AppendNull();
                        }
                        else
                        {
                            codes.Append(code);
                        }
                    }

                    // Built per tile: a record batch disposes its arrays, the dictionary's buffers with them.
                    var dictionary = new StringArray.Builder();
                    foreach (var v in carried.Column.Values!)
                    {
                        dictionary.Append(v);
                    }

                    return new DictionaryArray(DictionaryText, codes.Build(), dictionary.Build());
                }

            case TileColumnType.Float64:
                {
                    var source = carried.Source!;
                    var numbers = source.Numbers;
                    var values = new DoubleArray.Builder().Reserve(rows.Length);
                    foreach (var r in rows)
                    {
                        if (double.IsNaN(numbers[r]) && source[r] is null)
                        {
                            values.AppendNull();
                        }
                        else
                        {
                            values.Append(numbers[r]);
                        }
                    }

                    return values.Build();
                }

            default:
                {
                    var text = new StringArray.Builder();
                    foreach (var r in rows)
                    {
                        if (carried.Source![r] is { } s)
                        {
                            text.Append(s);
                        }
                        else
                        {
                            text.AppendNull();
                        }
                    }

                    return text.Build();
                }
        }
    }
}
