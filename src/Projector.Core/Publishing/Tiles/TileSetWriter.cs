using Projector.Core.Data;

namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// Cuts a layout into a level-of-detail tile set: <c>tiles.json</c> and a quadtree of Arrow IPC files
/// <c>level/x/y.arrow</c>, each point in exactly one tile, coarse tiles holding a density-stratified sample
/// so every zoom shows the whole shape (docs/api.md, "Tile sets"). Tiles are written one at a time as
/// the quadtree is walked; only the positions, the carried columns and two index arrays stay in memory.
/// </summary>
public static class TileSetWriter
{
    /// <summary>
    /// Writes the tile set of <paramref name="layout"/> (N x 2 or N x 3 positions, or wider ones tiled by x and y, of
    /// <paramref name="dataset"/>'s points) into the existing folder <paramref name="folder"/>.
    /// Use <see cref="TileExport"/> to write a folder atomically.
    /// </summary>
    /// <exception cref="DataFormatException">A position is not finite, or more than a tile's worth of points share one position.</exception>
    /// <exception cref="ArgumentException">The layout does not fit the dataset, or a column named in the options does not exist.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static TileSetManifest Write(string folder, Dataset dataset, EmbeddingMatrix layout, TileSetOptions? options = null, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(layout);
        options ??= new TileSetOptions();
        if (layout.Rows != dataset.Points)
        {
            throw new ArgumentException($"The layout has {layout.Rows} rows but the dataset {dataset.Points} points.", nameof(layout));
        }

        if (layout.Dimensions < 2)
        {
            throw new ArgumentException($"A tile set needs 2-D or 3-D positions, not {layout.Dimensions}-D.", nameof(layout));
        }

        if (options.TilePoints < TileSetOptions.MinTilePoints)
        {
            throw new ArgumentException($"TilePoints must be at least {TileSetOptions.MinTilePoints}.", nameof(options));
        }

        var n = layout.Rows;
        // Wider layouts (PCA's further components) are tiled by their first two axes.
        var dims = layout.Dimensions == 3 ? 3 : 2;
        var positions = FirstAxes(layout, dims);
        var layoutName = options.LayoutName ?? "layout";
        var (minX, minY, maxX, maxY) = Extent(positions, n, dims, layoutName);
        var side = Math.Max(maxX - minX, maxY - minY);
        // A little margin keeps the largest coordinate inside the last tile rather than on its far edge.
        side = side > 0 ? side * (1 + 1e-6) : 1;
        var columns = TileColumns.From(dataset.Metadata, options.Columns, "_value");
        var writer = new TileArrowWriter(positions, dims, columns);
        var tiles = new List<TileInfo>();
        long done = 0;
        var tree = new TileQuadtree(positions, n, dims, options.TilePoints, options.Seed, (minX, minY, side));
        try
        {
            tree.Build(
                (key, rows) =>
                {
                    var path = Path.Combine(folder, key.Level.ToString(System.Globalization.CultureInfo.InvariantCulture), key.X.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Directory.CreateDirectory(path);
                    using (var file = new FileStream(Path.Combine(path, $"{key.Y.ToString(System.Globalization.CultureInfo.InvariantCulture)}.arrow"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                    {
                        writer.Write(file, rows);
                    }

                    tiles.Add(new TileInfo(key, rows.Length));
                    done += rows.Length;
                    progress?.Report(new StageProgress("Writing tiles", new ProjectionProgress("tiles", done, n)));
                },
                cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new DataFormatException(layoutName, e.Message, $"Give a tile size above that many points, or a layout whose points are spread out", inner: e);
        }

        var manifest = new TileSetManifest
        {
            Name = dataset.Name,
            Layout = options.LayoutName,
            Points = n,
            Dimensions = dims,
            TilePoints = options.TilePoints,
            Seed = options.Seed,
            MinX = minX,
            MinY = minY,
            Side = side,
            DataBounds = n == 0 ? [0, 0, 0, 0] : [minX, minY, maxX, maxY],
            Levels = tiles.Count == 0 ? 0 : tiles.Max(t => t.Key.Level) + 1,
            Columns = [.. TilePositions.Columns(dims), .. columns.Carried.Select(c => c.Column)],
            Tiles = [.. tiles.OrderBy(t => t.Key.Level).ThenBy(t => t.Key.X).ThenBy(t => t.Key.Y)],
        };
        // Every row's position in row order, as a cluster job writes it too: a server showing the set
        // locates the rows its search and neighbours name (the page holds only the tiles in view).
        AtomicFile.Write(Path.Combine(folder, PositionsFile), s =>
        {
            s.Write(Formats.Npy.NpyWriter.BuildHeader(n, dims));
            s.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(positions.AsSpan()));
        });
        AtomicFile.Write(Path.Combine(folder, TileSetManifest.FileName), s => TileSetJson.Write(s, manifest));
        return manifest;
    }

    /// <summary>The file beside <c>tiles.json</c> with every row's position (rows x dims float32, row order).</summary>
    internal const string PositionsFile = "positions.npy";

    private static float[] FirstAxes(EmbeddingMatrix layout, int dims)
    {
        if (layout.Dimensions == dims)
        {
            return layout.ToArray();
        }

        var all = layout.RowBlock(0, layout.Rows);
        var positions = new float[(long)layout.Rows * dims];
        for (var r = 0; r < layout.Rows; r++)
        {
            all.Slice(r * layout.Dimensions, dims).CopyTo(positions.AsSpan(r * dims, dims));
        }

        return positions;
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) Extent(float[] positions, int n, int dims, string layoutName)
    {
        if (n == 0)
        {
            return (0, 0, 0, 0);
        }

        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var r = 0; r < n; r++)
        {
            for (var d = 0; d < dims; d++)
            {
                if (!float.IsFinite(positions[(r * dims) + d]))
                {
                    throw new DataFormatException(layoutName, $"row {r} has a position that is not a finite number", "Give a layout with finite positions for every point");
                }
            }

            var x = positions[r * dims];
            var y = positions[(r * dims) + 1];
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }

        return (minX, minY, maxX, maxY);
    }
}
