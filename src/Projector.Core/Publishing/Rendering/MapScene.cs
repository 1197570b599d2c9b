using System.Globalization;
using Projector.Core.Data;

namespace Projector.Core.Publishing.Rendering;

/// <summary>
/// Everything a map picture shows, in pixels: where each point goes and its colour, the legend, the title.
/// Composed once, then drawn by <see cref="PngMapRenderer"/> or <see cref="SvgMapWriter"/> identically.
/// </summary>
public sealed class MapScene
{
    private const int MaxLegendEntries = 30;
    private const int MaxLabelChars = 28;

    /// <summary>The colour of text.</summary>
    public static readonly Rgb Ink = new(0x22, 0x22, 0x22);

    /// <summary>The colour of secondary text (counts).</summary>
    public static readonly Rgb Muted = new(0x77, 0x77, 0x77);

    private MapScene()
    {
    }

    /// <summary>Picture width in pixels.</summary>
    public int Width { get; private init; }

    /// <summary>Picture height in pixels.</summary>
    public int Height { get; private init; }

    /// <summary>The area the points are drawn in: left, top, width, height.</summary>
    public (int X, int Y, int Width, int Height) Plot { get; private init; }

    /// <summary>The legend's area: left, top, width, height.</summary>
    public (int X, int Y, int Width, int Height) Legend { get; private init; }

    /// <summary>Pixel x of each point's centre (NaN for points without a finite position).</summary>
    public float[] X { get; private init; } = [];

    /// <summary>Pixel y of each point's centre.</summary>
    public float[] Y { get; private init; } = [];

    /// <summary>The order points are drawn in (a seeded shuffle).</summary>
    public int[] Order { get; private init; } = [];

    /// <summary>The colours and legend.</summary>
    public MapColoring Coloring { get; private init; } = null!;

    /// <summary>Radius of a dot in pixels.</summary>
    public float Radius { get; private init; }

    /// <summary>The sprite sheet to draw tiles from, or null for dots.</summary>
    public SpriteSheet? Sprite { get; private init; }

    /// <summary>Drawn size of a sprite tile in pixels (width, height).</summary>
    public (int Width, int Height) Tile { get; private init; }

    /// <summary>Width of the coloured frame around each sprite tile.</summary>
    public int Frame { get; private init; }

    /// <summary>Texts: title, legend heading, labels, counts, scale values.</summary>
    public IReadOnlyList<SceneText> Texts { get; private init; } = [];

    /// <summary>Legend swatches.</summary>
    public IReadOnlyList<SceneRect> Rects { get; private init; } = [];

    /// <summary>The number legend's gradient bar, or null.</summary>
    public SceneGradientBar? GradientBar { get; private init; }

    /// <summary>The picture's title, or null.</summary>
    public string? Title { get; private init; }

    /// <summary>Lays out a map of <paramref name="dataset"/> at <paramref name="positions"/> (N x <paramref name="dims"/>, the first two used).</summary>
    /// <exception cref="ArgumentException">Sizes, positions or the colour column do not fit the data.</exception>
    public static MapScene Compose(Dataset dataset, ReadOnlySpan<float> positions, int dims, MapOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        var n = dataset.Points;
        if (dims < 2 || positions.Length != (long)n * dims)
        {
            throw new ArgumentException($"Expected {n} x {dims} positions (at least 2 columns); got {positions.Length} values.", nameof(positions));
        }

        var (w, h) = (options.Width, options.Height);
        if (w is < MapOptions.MinSide or > MapOptions.MaxSide || h is < MapOptions.MinSide or > MapOptions.MaxSide)
        {
            throw new ArgumentException($"The picture must be {MapOptions.MinSide} to {MapOptions.MaxSide} pixels a side; got {w}x{h}.", nameof(options));
        }

        MetadataColumn? column = null;
        if (options.ColorBy is { } name)
        {
            column = dataset.Metadata[name] ?? throw new ArgumentException($"no metadata column '{name}'; columns: {string.Join(", ", dataset.Metadata.Columns.Select(c => c.Name))}", nameof(options));
        }

        // One font pixel per 500 picture pixels of the short side, rounded up: text stays legible in small pictures.
        var s = Math.Max(1, (int)Math.Ceiling(Math.Min(w, h) / 500.0));
        var margin = 16 * s;
        var texts = new List<SceneText>();
        var top = margin;
        if (!string.IsNullOrWhiteSpace(options.Title))
        {
            var ts = s + 1;
            var title = Fit(options.Title.Trim(), (w - (2 * margin)) / (BitmapFont.Advance * ts));
            texts.Add(new SceneText(title, margin, margin, ts, Ink));
            top += (BitmapFont.GlyphHeight * ts) + margin;
        }

        var line = 11 * s;
        var rows = Math.Clamp(((h - top - margin) / line) - 2, 2, MaxLegendEntries);
        var coloring = MapColoring.For(column, n, rows);
        var rects = new List<SceneRect>();
        var legendWidth = LegendWidth(coloring, s);
        var legendX = w - margin - legendWidth;
        SceneGradientBar? bar = null;
        if (coloring.Column is { } heading)
        {
            texts.Add(new SceneText(Fit(heading, MaxLabelChars), legendX, top, s, Ink));
        }

        var y = top + (coloring.Column is null ? 0 : 2 * line);
        if (coloring.Gradient is { } g)
        {
            var barHeight = Math.Min(h - y - margin - (3 * line), 300 * s);
            bar = new SceneGradientBar(legendX, y, 12 * s, barHeight);
            var labelX = legendX + (16 * s);
            texts.Add(new SceneText(Number(g.Max), labelX, y, s, Ink));
            texts.Add(new SceneText(Number((g.Min + g.Max) / 2), labelX, y + ((barHeight - (7 * s)) / 2), s, Ink));
            texts.Add(new SceneText(Number(g.Min), labelX, y + barHeight - (7 * s), s, Ink));
            if (g.Missing > 0)
            {
                var my = y + barHeight + line;
                rects.Add(new SceneRect(legendX, my, 7 * s, 7 * s, Palette.Other));
                texts.Add(new SceneText($"missing ({g.Missing.ToString("N0", CultureInfo.InvariantCulture)})", legendX + (12 * s), my, s, Muted));
            }
        }
        else
        {
            foreach (var e in coloring.Entries)
            {
                rects.Add(new SceneRect(legendX, y, 7 * s, 7 * s, e.Color));
                texts.Add(new SceneText(Fit(e.Label, MaxLabelChars), legendX + (12 * s), y, s, Ink));
                texts.Add(new SceneText(e.Count.ToString("N0", CultureInfo.InvariantCulture), w - margin, y, s, Muted, TextAnchor.End));
                y += line;
            }
        }

        var plot = (X: margin, Y: top, Width: legendX - (2 * margin), Height: h - top - margin);
        var (px, py) = Place(positions, dims, n, plot);
        var sprite = options.Sprites ? dataset.Sprite ?? throw new ArgumentException("Drawing sprites needs data with a sprite sheet; this one has none.", nameof(options)) : null;
        var cell = Math.Sqrt((double)plot.Width * plot.Height / Math.Max(1, n));
        var tile = (0, 0);
        if (sprite is not null)
        {
            var side = Math.Clamp((int)Math.Round(cell * 1.1), 4, 96);
            var aspect = (double)sprite.TileWidth / sprite.TileHeight;
            tile = aspect >= 1 ? (side, Math.Max(1, (int)Math.Round(side / aspect))) : (Math.Max(1, (int)Math.Round(side * aspect)), side);
        }

        return new MapScene
        {
            Width = w,
            Height = h,
            Plot = plot,
            Legend = (legendX, top, legendWidth, h - top - margin),
            X = px,
            Y = py,
            Order = Shuffle(n, options.Seed),
            Coloring = coloring,
            Radius = (float)Math.Clamp(cell * 0.28, 1.2, 8.0 * s),
            Sprite = sprite,
            Tile = tile,
            Frame = sprite is not null && column is not null ? Math.Max(1, s) : 0,
            Texts = texts,
            Rects = rects,
            GradientBar = bar,
            Title = options.Title,
        };
    }

    private static int LegendWidth(MapColoring coloring, int s)
    {
        var heading = coloring.Column is { } c ? BitmapFont.MeasureWidth(Fit(c, MaxLabelChars), s) : 0;
        if (coloring.Gradient is { } g)
        {
            var labels = new[] { Number(g.Min), Number(g.Max), Number((g.Min + g.Max) / 2), $"missing ({g.Missing:N0})" }.Max(t => BitmapFont.MeasureWidth(t, s));
            return Math.Max(heading, (16 * s) + labels);
        }

        var label = coloring.Entries.Max(e => BitmapFont.MeasureWidth(Fit(e.Label, MaxLabelChars), s));
        var count = coloring.Entries.Max(e => BitmapFont.MeasureWidth(e.Count.ToString("N0", CultureInfo.InvariantCulture), s));
        return Math.Max(heading, (12 * s) + label + (12 * s) + count);
    }

    /// <summary>Maps layout coordinates into the plot with one scale for both axes, so distances keep their shape.</summary>
    private static (float[] X, float[] Y) Place(ReadOnlySpan<float> positions, int dims, int n, (int X, int Y, int Width, int Height) plot)
    {
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var (x, y) = (positions[i * dims], positions[(i * dims) + 1]);
            if (float.IsFinite(x) && float.IsFinite(y))
            {
                (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
            }
        }

        var px = new float[n];
        var py = new float[n];
        if (double.IsInfinity(minX))
        {
            Array.Fill(px, float.NaN);
            Array.Fill(py, float.NaN);
            return (px, py);
        }

        var inset = 0.03;
        var spanX = Math.Max(maxX - minX, 1e-12);
        var spanY = Math.Max(maxY - minY, 1e-12);
        var scale = Math.Min(plot.Width * (1 - (2 * inset)) / spanX, plot.Height * (1 - (2 * inset)) / spanY);
        var cx = plot.X + (plot.Width / 2.0);
        var cy = plot.Y + (plot.Height / 2.0);
        var mx = (minX + maxX) / 2;
        var my = (minY + maxY) / 2;
        for (var i = 0; i < n; i++)
        {
            var (x, y) = (positions[i * dims], positions[(i * dims) + 1]);
            var ok = float.IsFinite(x) && float.IsFinite(y);

            // Screen y grows downwards; a layout's y grows upwards.
            px[i] = ok ? (float)(cx + ((x - mx) * scale)) : float.NaN;
            py[i] = ok ? (float)(cy - ((y - my) * scale)) : float.NaN;
        }

        return (px, py);
    }

    private static int[] Shuffle(int n, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private static string Number(double v) =>
        Math.Abs(v) is >= 1e5 or (< 1e-3 and > 0)
            ? v.ToString("0.###e0", CultureInfo.InvariantCulture)
            : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Fit(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(1, max - 3)), "...");
}
