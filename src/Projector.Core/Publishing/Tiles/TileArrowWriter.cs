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

    // The column of a table in memory: its rows' values gathered as a shard's would be, so both paths build the same Arrow array.
    private static IArrowArray Column(TileColumns.CarriedColumn carried, ReadOnlySpan<int> rows)
    {
        var values = new TileColumnValues(carried.Column);
        var source = carried.Source!;
        switch (carried.Column.Type)
        {
            case TileColumnType.Dictionary:
                foreach (var r in rows)
                {
                    values.Codes.Add(carried.Codes![r]);
                }

                break;
            case TileColumnType.Float64:
                var numbers = source.Numbers;
                foreach (var r in rows)
                {
                    values.Numbers.Add(numbers[r]);
                    values.Missing.Add(double.IsNaN(numbers[r]) && source[r] is null);
                }

                break;
            default:
                foreach (var r in rows)
                {
                    values.Texts.Add(source[r]);
                }

                break;
        }

        return values.ToArrow(DictionaryText);
    }
}
