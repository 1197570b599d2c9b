using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Projector.Core.Data;

/// <summary>
/// N x D float32 vectors in one contiguous row-major block. The block is either a pinned managed array
/// or a read-only memory-mapped view of a raw little-endian float32 file (not copied).
/// </summary>
/// <remarks>Dispose the matrix to release a mapping; rows read after that throw.</remarks>
public sealed unsafe class EmbeddingMatrix : IDisposable
{
    private readonly float[]? _array;
    private GCHandle _pin;
    private MemoryMappedFile? _map;
    private MemoryMappedViewAccessor? _view;
    private float* _data;

    private EmbeddingMatrix(int rows, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        Rows = rows;
        Dimensions = dimensions;
    }

    private EmbeddingMatrix(float[] array, int rows, int dimensions)
        : this(rows, dimensions)
    {
        if (array.LongLength < (long)rows * dimensions)
        {
            throw new ArgumentException($"Expected at least {(long)rows * dimensions} values for {rows} x {dimensions}, got {array.LongLength}.", nameof(array));
        }

        _array = array;
        _pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        _data = (float*)_pin.AddrOfPinnedObject();
    }

    /// <summary>Number of points (rows).</summary>
    public int Rows { get; }

    /// <summary>Number of dimensions (columns).</summary>
    public int Dimensions { get; }

    /// <summary>Number of values, rows x dimensions.</summary>
    public long Length => (long)Rows * Dimensions;

    /// <summary>True when the values live in a memory-mapped file rather than managed memory.</summary>
    public bool IsMemoryMapped => _view is not null;

    /// <summary>Wraps <paramref name="values"/> (row-major, rows x dimensions) without copying it.</summary>
    public static EmbeddingMatrix FromArray(float[] values, int rows, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.LongLength != (long)rows * dimensions)
        {
            throw new ArgumentException($"Expected {(long)rows * dimensions} values for {rows} x {dimensions}, got {values.LongLength}.", nameof(values));
        }

        return new EmbeddingMatrix(values, rows, dimensions);
    }

    /// <summary>
    /// Wraps the first rows x dimensions values of a possibly longer array, for readers that allocate
    /// an upper bound before they know how many rows are blank.
    /// </summary>
    internal static EmbeddingMatrix FromPrefix(float[] values, int rows, int dimensions) => new(values, rows, dimensions);

    /// <summary>Copies jagged rows (all of the same length) into a new matrix.</summary>
    public static EmbeddingMatrix FromRows(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed to know the dimension.", nameof(rows));
        }

        var d = rows[0].Length;
        var values = new float[checked((long)rows.Count * d)];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Length} values; row 0 has {d}.", nameof(rows));
            }

            rows[i].CopyTo(values, (long)i * d);
        }

        return new EmbeddingMatrix(values, rows.Count, d);
    }

    /// <summary>A new zero-filled matrix for writers and algorithms to fill through <see cref="GetWritableRow"/>.</summary>
    public static EmbeddingMatrix Allocate(int rows, int dimensions) =>
        new(new float[checked((long)rows * dimensions)], rows, dimensions);

    /// <summary>
    /// Maps rows x dimensions little-endian float32 values starting at <paramref name="offset"/> in
    /// <paramref name="path"/>, read-only, without copying. The caller checks the file is large enough.
    /// </summary>
    public static EmbeddingMatrix MapFile(string path, long offset, int rows, int dimensions)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Memory-mapped float32 files need a little-endian machine.");
        }

        var m = new EmbeddingMatrix(rows, dimensions);
        var bytes = m.Length * sizeof(float);
        if (bytes == 0)
        {
            m._data = null;
            return m;
        }

        // FileShare.ReadWrite | Delete so that mapping never blocks another program (or the user) from the input.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        m._map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        m._view = m._map.CreateViewAccessor(offset, bytes, MemoryMappedFileAccess.Read);
        byte* basePtr = null;
        m._view.SafeMemoryMappedViewHandle.AcquirePointer(ref basePtr);
        m._data = (float*)(basePtr + m._view.PointerOffset);
        return m;
    }

    /// <summary>The values of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        CheckRow(row);
        return new ReadOnlySpan<float>(_data + ((long)row * Dimensions), Dimensions);
    }

    /// <summary>A writable view of a row; only matrices in managed memory are writable.</summary>
    public Span<float> GetWritableRow(int row)
    {
        if (_array is null)
        {
            throw new InvalidOperationException("A memory-mapped matrix is read-only; copy it with ToArray() first.");
        }

        CheckRow(row);
        return new Span<float>(_data + ((long)row * Dimensions), Dimensions);
    }

    /// <summary>
    /// The rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> as one span
    /// (count x dimensions values must fit in a span, i.e. under 2^31).
    /// </summary>
    public ReadOnlySpan<float> RowBlock(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + (long)count, Rows, nameof(count));
        ObjectDisposedException.ThrowIf(_data == null && Length > 0, this);
        return new ReadOnlySpan<float>(_data + ((long)start * Dimensions), checked(count * Dimensions));
    }

    /// <summary>The value at (row, column).</summary>
    public float this[int row, int column]
    {
        get
        {
            CheckRow(row);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Dimensions);
            return _data[((long)row * Dimensions) + column];
        }
    }

    /// <summary>A managed copy of all values, row-major.</summary>
    public float[] ToArray()
    {
        var copy = new float[Length];
        for (var i = 0; i < Rows; i++)
        {
            Row(i).CopyTo(copy.AsSpan(checked(i * Dimensions)));
        }

        return copy;
    }

    /// <summary>The first row index whose values are not all finite, with the column, or null when all are finite.</summary>
    public (int Row, int Column)? FindNonFinite()
    {
        for (var i = 0; i < Rows; i++)
        {
            var j = NonFiniteScan.IndexOfNonFinite(Row(i));
            if (j >= 0)
            {
                return (i, j);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _map?.Dispose();
            _view = null;
            _map = null;
        }

        if (_pin.IsAllocated)
        {
            _pin.Free();
        }

        _data = null;
    }

    private void CheckRow(int row)
    {
        ObjectDisposedException.ThrowIf(_data == null, this);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
    }
}
