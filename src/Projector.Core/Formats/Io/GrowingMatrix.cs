using Projector.Core.Data;

namespace Projector.Core.Formats.Io;

/// <summary>
/// Collects rows when their number is not known in advance, in blocks, so growing never copies what was
/// read; <see cref="ToMatrix"/> copies once at the end.
/// </summary>
internal sealed class GrowingMatrix
{
    private const int BlockValues = 1 << 22;
    private readonly List<float[]> _blocks = [];
    private readonly int _rowsPerBlock;
    private int _rowsInLast;

    /// <summary>Rows of <paramref name="dimensions"/> values.</summary>
    public GrowingMatrix(int dimensions)
    {
        Dimensions = dimensions;
        _rowsPerBlock = Math.Max(1, BlockValues / dimensions);
        _rowsInLast = _rowsPerBlock;
    }

    /// <summary>Values per row.</summary>
    public int Dimensions { get; }

    /// <summary>Rows added so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Space for one more row.</summary>
    public Span<float> AddRow()
    {
        if (_rowsInLast == _rowsPerBlock)
        {
            _blocks.Add(new float[(long)_rowsPerBlock * Dimensions]);
            _rowsInLast = 0;
        }

        Rows++;
        return _blocks[^1].AsSpan(_rowsInLast++ * Dimensions, Dimensions);
    }

    /// <summary>Copies the rows into one matrix and lets the blocks go.</summary>
    public EmbeddingMatrix ToMatrix()
    {
        var matrix = EmbeddingMatrix.Allocate(checked((int)Rows), Dimensions);
        var row = 0;
        foreach (var block in _blocks)
        {
            var n = (int)Math.Min(_rowsPerBlock, Rows - row);
            for (var i = 0; i < n; i++)
            {
                block.AsSpan(i * Dimensions, Dimensions).CopyTo(matrix.GetWritableRow(row++));
            }
        }

        _blocks.Clear();
        return matrix;
    }
}
