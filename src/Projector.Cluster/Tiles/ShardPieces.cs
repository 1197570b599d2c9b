using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Projector.Core;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Tiles;

/// <summary>
/// One shard's points cut into the tiles of the job's <see cref="TilePlan"/>, as the silo that placed
/// them writes them into the job's folder: one file per shard (a file per tile and shard would be millions
/// of files at 100 million points), renamed into place once complete, so a retried shard replaces an
/// earlier attempt's file whole and the merge never sees half of one. Each piece carries its points'
/// metadata values, so the merge needs no metadata of its own. Little-endian: <c>PJTILES2</c>, the
/// shard's number, first row, rows, tiles and carried columns (int32), its positions' extent (4 x float64),
/// the tile index (level, x, y, points: int32 each, then the piece's bytes: int64; ordered by level, x, y),
/// the positions in row order (rows x 2 float32, for <c>positions.npy</c>), then each tile's piece: its
/// rows (int32, ascending), their positions (x, y float32) and their values (<see cref="PieceColumns"/>).
/// </summary>
internal sealed class ShardPieces : IDisposable
{
    // Kept open across the merge's reads: a merge at 100 million points reads millions of pieces, and
    // opening the file for each cost more than reading it (bench `tile-merge`, docs/benchmarks.md).
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _handle;

    /// <summary>The file of a shard inside the job's folder.</summary>
    public static string FileName(int shard) => FormattableString.Invariant($"shard-{shard:D6}.tiles");

    private const int HeaderBytes = 8 + (5 * 4) + (4 * 8);
    private const int IndexEntryBytes = 24;
    private static readonly byte[] Magic = "PJTILES2"u8.ToArray();

    private static readonly Comparer<TileKey> Order = Comparer<TileKey>.Create((a, b) => (a.Level, a.X, a.Y).CompareTo((b.Level, b.X, b.Y)));

    // The tile index as parallel arrays in the file's order (a shard at 100M points has thousands of
    // entries, and the merge holds every shard's), read through a cursor, as the merge asks for the
    // tiles in that same order.
    private readonly TileKey[] _keys;
    private readonly long[] _offsets;
    private readonly int[] _points;
    private readonly int[] _bytes;
    private int _next;

    private ShardPieces(string path, int shard, int start, int rows, double[] extent, TileKey[] keys, long[] offsets, int[] points, int[] bytes, long positionsOffset)
    {
        Path = path;
        Shard = shard;
        Start = start;
        Rows = rows;
        Extent = extent;
        _keys = keys;
        _offsets = offsets;
        _points = points;
        _bytes = bytes;
        PositionsOffset = positionsOffset;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The shard's number.</summary>
    public int Shard { get; }

    /// <summary>The shard's first row.</summary>
    public int Start { get; }

    /// <summary>The shard's rows.</summary>
    public int Rows { get; }

    /// <summary>minX, minY, maxX, maxY of the shard's positions.</summary>
    public IReadOnlyList<double> Extent { get; }

    /// <summary>Where the positions in row order start.</summary>
    public long PositionsOffset { get; }

    /// <summary>The tiles this shard has points in.</summary>
    public IEnumerable<TileKey> Tiles => _keys;

    /// <summary>
    /// Writes the shard (first row <paramref name="start"/>, <paramref name="positions"/> rows x 2, and the
    /// carried <paramref name="columns"/>' values of its rows in row order) into <paramref name="folder"/>,
    /// which must exist: a job whose folder is gone (finished or cancelled) gets no file.
    /// </summary>
    /// <returns>The tiles written.</returns>
    /// <exception cref="DataFormatException">A position is not finite.</exception>
    public static int Write(string folder, int shard, int start, float[] positions, IReadOnlyList<TileColumnValues> columns, TilePlan plan, string layoutName, CancellationToken cancellationToken)
    {
        var rows = positions.Length / 2;
        if (columns.Any(c => c.Count != rows))
        {
            throw new ArgumentException($"every column needs the shard's {rows} values", nameof(columns));
        }

        var extent = new[] { double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity };
        var keys = new TileKey[rows];
        for (var i = 0; i < rows; i++)
        {
            float x = positions[2 * i], y = positions[(2 * i) + 1];
            if (!float.IsFinite(x) || !float.IsFinite(y))
            {
                throw new DataFormatException(layoutName, $"row {start + i} was placed at a position that is not a finite number", "Run the job again with another seed or a larger sample");
            }

            extent[0] = Math.Min(extent[0], x);
            extent[1] = Math.Min(extent[1], y);
            extent[2] = Math.Max(extent[2], x);
            extent[3] = Math.Max(extent[3], y);
            keys[i] = plan.TileOf(start + i, x, y);
        }

        // Rows grouped by tile in the index's order, ascending within a tile (the sort is stable).
        var order = Enumerable.Range(0, rows).OrderBy(i => keys[i].Level).ThenBy(i => keys[i].X).ThenBy(i => keys[i].Y).ToArray();
        var tiles = new List<(TileKey Key, int Points)>();
        foreach (var i in order)
        {
            if (tiles.Count > 0 && tiles[^1].Key == keys[i])
            {
                tiles[^1] = (keys[i], tiles[^1].Points + 1);
            }
            else
            {
                tiles.Add((keys[i], 1));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var path = System.IO.Path.Combine(folder, FileName(shard));
        var temp = path + FormattableString.Invariant($".{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var header = new byte[HeaderBytes + (tiles.Count * IndexEntryBytes)];
                Magic.CopyTo(header, 0);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), shard);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), start);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), rows);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), tiles.Count);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), columns.Count);
                for (var e = 0; e < 4; e++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(28 + (8 * e)), rows == 0 ? 0 : extent[e]);
                }

                // The index is written last, once each piece's length is known.
                file.Write(header);
                file.Write(MemoryMarshal.AsBytes(positions.AsSpan()));
                var pieceRows = new int[rows];
                var piecePositions = new float[rows * 2];
                for (var k = 0; k < rows; k++)
                {
                    pieceRows[k] = start + order[k];
                    piecePositions[2 * k] = positions[2 * order[k]];
                    piecePositions[(2 * k) + 1] = positions[(2 * order[k]) + 1];
                }

                var next = 0;
                for (var t = 0; t < tiles.Count; t++)
                {
                    var (key, points) = tiles[t];
                    var from = file.Position;
                    file.Write(MemoryMarshal.AsBytes(pieceRows.AsSpan(next, points)));
                    file.Write(MemoryMarshal.AsBytes(piecePositions.AsSpan(2 * next, 2 * points)));
                    PieceColumns.Write(file, columns, order, next, points);
                    var at = header.AsSpan(HeaderBytes + (t * IndexEntryBytes));
                    BinaryPrimitives.WriteInt32LittleEndian(at, key.Level);
                    BinaryPrimitives.WriteInt32LittleEndian(at[4..], key.X);
                    BinaryPrimitives.WriteInt32LittleEndian(at[8..], key.Y);
                    BinaryPrimitives.WriteInt32LittleEndian(at[12..], points);
                    BinaryPrimitives.WriteInt64LittleEndian(at[16..], file.Position - from);
                    next += points;
                }

                file.Position = 0;
                file.Write(header);

                file.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
            return tiles.Count;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Reads the header and the tile index of the shard file <paramref name="path"/>, whose pieces carry <paramref name="columns"/> columns.</summary>
    /// <exception cref="DataFormatException">The file is not a whole shard file of this job.</exception>
    public static ShardPieces Open(string path, int columns)
    {
        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        var header = new byte[HeaderBytes];
        if (length < HeaderBytes || RandomAccess.Read(file, header, 0) != HeaderBytes || !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw Damaged(path, "has no shard header");
        }

        var shard = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        var start = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        var rows = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16));
        var count = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20));
        if (BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(24)) != columns)
        {
            throw Damaged(path, $"carries other metadata columns than the job's {columns}");
        }

        var extent = new double[4];
        for (var e = 0; e < 4; e++)
        {
            extent[e] = BinaryPrimitives.ReadDoubleLittleEndian(header.AsSpan(28 + (8 * e)));
        }

        if (rows < 0 || count < 0 || count > rows || HeaderBytes + ((long)count * IndexEntryBytes) + (20L * rows) > length)
        {
            throw Damaged(path, "does not add up to its length");
        }

        var index = new byte[count * IndexEntryBytes];
        RandomAccess.Read(file, index, HeaderBytes);
        var positionsOffset = HeaderBytes + (long)index.Length;
        var offset = positionsOffset + (8L * rows);
        var keys = new TileKey[count];
        var offsets = new long[count];
        var counts = new int[count];
        var sizes = new int[count];
        long total = 0;
        for (var t = 0; t < count; t++)
        {
            var at = index.AsSpan(t * IndexEntryBytes);
            var key = new TileKey(BinaryPrimitives.ReadInt32LittleEndian(at), BinaryPrimitives.ReadInt32LittleEndian(at[4..]), BinaryPrimitives.ReadInt32LittleEndian(at[8..]));
            var points = BinaryPrimitives.ReadInt32LittleEndian(at[12..]);
            var bytes = BinaryPrimitives.ReadInt64LittleEndian(at[16..]);
            if (points < 1 || bytes < 12L * points || bytes > int.MaxValue || (t > 0 && Order.Compare(keys[t - 1], key) >= 0))
            {
                throw Damaged(path, "lists a tile twice or out of order, an empty one or a piece of impossible size");
            }

            (keys[t], offsets[t], counts[t], sizes[t]) = (key, offset, points, (int)bytes);
            offset += bytes;
            total += points;
        }

        if (total != rows)
        {
            throw Damaged(path, "lists fewer or more points in its tiles than it has rows");
        }

        if (offset != length)
        {
            throw Damaged(path, "does not add up to its length");
        }

        return new ShardPieces(path, shard, start, rows, extent, keys, offsets, counts, sizes, positionsOffset);
    }

    /// <summary>The points this shard has in <paramref name="key"/> (none if it has no piece there), appended to <paramref name="buffer"/>.</summary>
    /// <exception cref="DataFormatException">The piece's values do not fit its length.</exception>
    public void ReadPiece(TileKey key, TileBuffer buffer)
    {
        var t = Find(key);
        if (t < 0)
        {
            return;
        }

        var length = _bytes[t];
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = rented.AsSpan(0, length);
            _handle ??= File.OpenHandle(Path);
            if (RandomAccess.Read(_handle, bytes, _offsets[t]) != length)
            {
                throw Damaged(Path, "ends early");
            }

            var n = _points[t];
            buffer.Rows.AddRange(MemoryMarshal.Cast<byte, int>(bytes[..(4 * n)]));
            buffer.Positions.AddRange(MemoryMarshal.Cast<byte, float>(bytes.Slice(4 * n, 8 * n)));
            if (!PieceColumns.TryRead(bytes[(12 * n)..], buffer.Columns, n))
            {
                throw Damaged(Path, "holds a piece whose metadata values do not fit its length");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // The entry of key, or -1: the cursor's when the tiles are asked in the index's order, else a search.
    private int Find(TileKey key)
    {
        while (_next < _keys.Length && Order.Compare(_keys[_next], key) < 0)
        {
            _next++;
        }

        if (_next < _keys.Length && _keys[_next] == key)
        {
            return _next++;
        }

        var at = Array.BinarySearch(_keys, key, Order);
        return at >= 0 ? at : -1;
    }

    /// <summary>Copies the shard's positions in row order (rows x 2 float32) to <paramref name="output"/>.</summary>
    public void CopyPositions(Stream output)
    {
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        file.Position = PositionsOffset;
        var left = 8L * Rows;
        var buffer = new byte[1 << 16];
        while (left > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw Damaged(Path, "ends early");
            }

            output.Write(buffer, 0, read);
            left -= read;
        }
    }

    /// <summary>Closes the file if a piece was read.</summary>
    public void Dispose() => _handle?.Dispose();

    private static DataFormatException Damaged(string path, string problem) =>
        new(path, problem, "Run the job again: the job's folder in the shared folder was changed while it ran");
}
