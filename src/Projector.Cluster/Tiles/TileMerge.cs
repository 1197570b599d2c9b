using System.Globalization;
using System.Runtime.InteropServices;
using Projector.Core;
using Projector.Core.Formats.Npy;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Tiles;

/// <summary>
/// Merges the shards' pieces into one tile set, tile by tile: a tile's pieces are read from every shard
/// file that has one, in shard order (so its rows ascend), and written as the tile's Arrow file with the
/// carried metadata columns (whose values come with the pieces), the Core tile writer's bytes. Only one
/// tile's points (and the points an overfull tile passes down) are in memory at a time, plus each shard
/// file's tile index: never the metadata of every row.
/// </summary>
/// <remarks>
/// The plan aims at half a tile, so a tile overflows only where the placement is much denser than the
/// sample's: it then keeps the points whose coin (<see cref="TilePlan.Coin"/>) is lowest, a uniform
/// thinning of a stratified sample, and passes the rest to its children by position, cut further (beyond
/// the plan's leaves if need be) until every tile fits. As every step follows from the points and the
/// seed, the bytes do not depend on which silo wrote which shard.
/// </remarks>
internal static class TileMerge
{
    /// <summary>
    /// Writes the tile set named <paramref name="name"/> of the <paramref name="rows"/> rows whose shard files
    /// are <paramref name="shardFiles"/> (in shard order, covering the rows in turn, their pieces carrying
    /// <paramref name="columns"/>) into the existing, empty <paramref name="folder"/>, with <c>positions.npy</c>
    /// (rows x 2, in row order) as <paramref name="positionsFile"/> when given.
    /// </summary>
    /// <exception cref="DataFormatException">A shard file is damaged or missing rows, or more than a tile's worth of points share one position.</exception>
    public static TileSetManifest Write(string folder, IReadOnlyList<string> shardFiles, int rows, TilePlan plan, string name, IReadOnlyList<TileColumn> columns, TileSetOptions options, string? positionsFile, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var shards = new List<ShardPieces>(shardFiles.Count);
        try
        {
            return Merge(folder, shardFiles, shards, rows, plan, name, columns, options, positionsFile, progress, cancellationToken);
        }
        finally
        {
            foreach (var shard in shards)
            {
                shard.Dispose();
            }
        }
    }

    private static TileSetManifest Merge(string folder, IReadOnlyList<string> shardFiles, List<ShardPieces> shards, int rows, TilePlan plan, string name, IReadOnlyList<TileColumn> columns, TileSetOptions options, string? positionsFile, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var next = 0;
        foreach (var file in shardFiles)
        {
            var shard = ShardPieces.Open(file, columns.Count);
            if (shard.Start != next)
            {
                throw new DataFormatException(file, $"starts at row {shard.Start}, not {next} where the shard before it ended", "Run the job again");
            }

            next += shard.Rows;
            shards.Add(shard);
        }

        if (next != rows)
        {
            throw new DataFormatException(shardFiles.Count == 0 ? folder : shardFiles[^1], $"the shards hold {next} rows, not the input's {rows}", "Run the job again");
        }

        if (positionsFile is not null)
        {
            WritePositions(Path.Combine(folder, positionsFile), shards, rows, cancellationToken);
        }

        var carried = TileColumns.FromPlans(columns);
        var writer = new TileArrowWriter([], 2, carried);
        var byLevel = Comparer<TileKey>.Create((a, b) => (a.Level, a.X, a.Y).CompareTo((b.Level, b.X, b.Y)));
        var queue = new SortedSet<TileKey>(shards.SelectMany(s => s.Tiles), byLevel);
        var passedDown = new Dictionary<TileKey, TileBuffer>();
        var tiles = new List<TileInfo>();
        var tile = new TileBuffer(columns);
        var output = new TileBuffer(columns);
        long done = 0;
        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = queue.Min;
            queue.Remove(key);
            tile.Clear();
            foreach (var shard in shards)
            {
                shard.ReadPiece(key, tile);
            }

            if (passedDown.Remove(key, out var extra))
            {
                tile.AddAll(extra);
            }

            var kept = Enumerable.Range(0, tile.Count).ToArray();
            if (kept.Length > options.TilePoints)
            {
                if (key.Level == TileQuadtree.MaxLevel)
                {
                    throw new DataFormatException(options.LayoutName ?? "layout", $"{kept.Length} points share one position (to float32 precision)", "Give a tile size above that many points, or a layout whose points are spread out");
                }

                var rowsOf = tile.Rows;
                var byCoin = kept.OrderBy(i => TilePlan.Coin(plan.Seed, rowsOf[i], key.Level)).ThenBy(i => rowsOf[i]).ToArray();
                foreach (var i in byCoin.AsSpan(options.TilePoints))
                {
                    var child = plan.ChildOf(key, tile.Positions[2 * i], tile.Positions[(2 * i) + 1]);
                    if (!passedDown.TryGetValue(child, out var list))
                    {
                        passedDown[child] = list = new TileBuffer(columns);
                        queue.Add(child);
                    }

                    list.Add(tile, i);
                }

                kept = byCoin[..options.TilePoints];
            }

            Array.Sort(kept, (a, b) => tile.Rows[a].CompareTo(tile.Rows[b]));
            output.Clear();
            foreach (var i in kept)
            {
                output.Add(tile, i);
            }

            var path = Path.Combine(folder, key.Level.ToString(CultureInfo.InvariantCulture), key.X.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(path);
            using (var file = new FileStream(Path.Combine(path, key.Y.ToString(CultureInfo.InvariantCulture) + ".arrow"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                writer.Write(file, CollectionsMarshal.AsSpan(output.Rows), CollectionsMarshal.AsSpan(output.Positions), output.Columns);
            }

            tiles.Add(new TileInfo(key, kept.Length));
            done += kept.Length;
            progress?.Report(new StageProgress("Merging tiles", new ProjectionProgress("tiles", done, rows)));
        }

        var manifest = new TileSetManifest
        {
            Name = name,
            Layout = options.LayoutName,
            Points = rows,
            Dimensions = 2,
            TilePoints = options.TilePoints,
            Seed = options.Seed,
            MinX = plan.MinX,
            MinY = plan.MinY,
            Side = plan.Side,
            DataBounds = rows == 0 ? [0, 0, 0, 0] : Bounds(shards),
            Levels = tiles.Count == 0 ? 0 : tiles.Max(t => t.Key.Level) + 1,
            Columns = [.. TilePositions.Columns(2), .. columns],
            Tiles = [.. tiles.OrderBy(t => t.Key, byLevel)],
        };
        AtomicFile.Write(Path.Combine(folder, TileSetManifest.FileName), s => TileSetJson.Write(s, manifest));
        return manifest;
    }

    private static double[] Bounds(List<ShardPieces> shards)
    {
        var withRows = shards.Where(s => s.Rows > 0).ToList();
        return [withRows.Min(s => s.Extent[0]), withRows.Min(s => s.Extent[1]), withRows.Max(s => s.Extent[2]), withRows.Max(s => s.Extent[3])];
    }

    // The shards' positions one after another behind the .npy header: the file streams through, never whole in memory.
    private static void WritePositions(string path, List<ShardPieces> shards, int rows, CancellationToken cancellationToken) =>
        AtomicFile.Write(path, stream =>
        {
            stream.Write(NpyWriter.BuildHeader(rows, 2));
            foreach (var shard in shards)
            {
                cancellationToken.ThrowIfCancellationRequested();
                shard.CopyPositions(stream);
            }
        });
}
