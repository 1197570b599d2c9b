using Projector.Core.Data;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Columnar;

/// <summary>
/// Receives the vectors of a columnar file row by row as its row groups or record batches are decoded:
/// the dimension is fixed by the first row, every later row must match it, and values are checked for
/// NaN and infinities as they arrive. When the number of rows is known up front (a Parquet footer) the
/// final matrix is filled in place; otherwise rows grow in blocks and are copied once at the end.
/// </summary>
/// <param name="path">The file, for messages.</param>
/// <param name="column">The vector column(s), for messages.</param>
/// <param name="partName">What the file's parts are called: <c>row group</c>, <c>record batch</c>.</param>
/// <param name="knownRows">Rows the file declares (footer or message headers), or null; checked against <paramref name="fileLength"/> before it is allocated.</param>
/// <param name="fileLength">The file's size in bytes.</param>
/// <param name="options">Non-finite policy.</param>
internal sealed class VectorSink(string path, string column, string partName, long? knownRows, long fileLength, ReadOptions options)
{
    /// <summary>Decoded floats can outgrow the file they come from (compression), but not by more than this.</summary>
    private const long MaxExpansion = 1024;

    private EmbeddingMatrix? _matrix;
    private GrowingMatrix? _growing;

    /// <summary>Rows received so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Values per row, or 0 before the first row.</summary>
    public int Dimensions => _matrix?.Dimensions ?? _growing?.Dimensions ?? 0;

    /// <summary>Space for the next row, which has <paramref name="length"/> values; <paramref name="part"/> is the 0-based row group or batch.</summary>
    public Span<float> Add(long length, int part)
    {
        if (length <= 0)
        {
            throw Error($"the vector is {(length < 0 ? "null" : "empty")}", "Drop that row or fill in its vector", part);
        }

        if (Dimensions == 0)
        {
            Start(checked((int)length));
        }
        else if (length != Dimensions)
        {
            throw Error($"the vectors have mixed lengths: this row has {length} values, row 1 has {Dimensions}", "Every row needs a vector of the same length", part);
        }

        if (_matrix is not null)
        {
            if (Rows >= _matrix.Rows)
            {
                throw Error($"there are more rows than the {_matrix.Rows} the file declares", "The file is damaged; write it again", part);
            }

            return _matrix.GetWritableRow((int)Rows++);
        }

        if (knownRows is { } declared && Rows >= declared)
        {
            throw Error($"there are more rows than the {declared} the file declares", "The file is damaged; write it again", part);
        }

        Rows++;
        return _growing!.AddRow();
    }

    /// <summary>Refuses NaN and infinities in the row just filled, unless the user allowed them.</summary>
    public void CheckFinite(ReadOnlySpan<float> row, int part)
    {
        if (options.AllowNonFinite)
        {
            return;
        }

        var bad = NonFiniteScan.IndexOfNonFinite(row);
        if (bad >= 0)
        {
            throw Error($"value {bad + 1} is {row[bad]}, not a finite number", "Fix or drop that row, or allow non-finite values to keep it", part, Rows - 1, remedy: new Remedy(RemedyOption.AllowNonFinite));
        }
    }

    /// <summary>An error about 0-based row <paramref name="row"/> of the file (by default the one being added).</summary>
    public DataFormatException Error(string problem, string hint, int part, long? row = null, string? columnName = null, Remedy? remedy = null) =>
        new(path, $"column '{columnName ?? column}', row {(row ?? Rows) + 1} ({partName} {part + 1}): {problem}", hint, remedy: remedy);

    /// <summary>The matrix of every row received.</summary>
    public EmbeddingMatrix ToMatrix()
    {
        if (Rows == 0)
        {
            throw new DataFormatException(path, $"column '{column}' holds no rows", "Pick a file that holds vectors");
        }

        if (_matrix is not null)
        {
            if (Rows != _matrix.Rows)
            {
                throw new DataFormatException(path, $"column '{column}' holds {Rows} rows but the file declares {_matrix.Rows}", "The file is damaged; write it again");
            }

            var done = _matrix;
            _matrix = null;
            return done;
        }

        if (knownRows is { } declared && Rows != declared)
        {
            throw new DataFormatException(path, $"column '{column}' holds {Rows} rows but the file declares {declared}", "The file is damaged; write it again");
        }

        return _growing!.ToMatrix();
    }

    /// <summary>Lets go of a half-built matrix after a failure.</summary>
    public void Abandon() => _matrix?.Dispose();

    private void Start(int dimensions)
    {
        if (knownRows is { } rows)
        {
            if (rows < 0 || (double)rows * dimensions * sizeof(float) > (fileLength + (1L << 20)) * (double)MaxExpansion)
            {
                var claim = rows < 0 ? "a negative number of rows" : $"{rows} rows of {dimensions} values, far more than its {fileLength} bytes can hold";
                throw new DataFormatException(path, $"the file declares {claim}", "The file is damaged; write it again");
            }

            if (rows > int.MaxValue || rows * (long)dimensions > Array.MaxLength)
            {
                throw new DataFormatException(path, $"{rows} rows of {dimensions} values do not fit in memory as one matrix", "Split the file");
            }

            // Allocated up front only when the file's bytes can hold that much as plain floats; a larger claim
            // (a damaged count, or data compressed very well) grows as rows really arrive, so a number in a
            // header alone never costs memory.
            if ((double)rows * dimensions * sizeof(float) <= fileLength + (1L << 20))
            {
                _matrix = EmbeddingMatrix.Allocate((int)rows, dimensions);
                return;
            }
        }

        _growing = new GrowingMatrix(dimensions);
    }
}
