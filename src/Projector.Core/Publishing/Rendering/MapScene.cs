using System.Globalization;
using Projector.Core.Data;

namespace Projector.Core.Publishing.Rendering;

/// <summary>
/// Everything a map picture shows, in pixels: where each point goes and its colour, the legend, the title.
/// Composed once, then drawn by <see cref="SkiaMapRenderer"/> (PNG, PDF) or <see cref="SvgMapWriter"/> identically.
/// </summary>
public sealed class MapScene
{
    private const int MaxLegendEntries = 30;
    private const float MinTextSize = 11;

    // Legend labels longer than this many font sizes are cut with an ellipsis.
    private const float MaxLabelEms = 14;

    // DejaVu Sans's capital height (1493 of 2048 units): a text's top sits this many sizes above its baseline.
    private const float CapHeight = 0.73f;

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

    /// <summary>Opacity of a dot, 0 to 1 (see <see cref="MapOptions.PointAlpha"/>).</summary>
    public float Alpha { get; private init; }

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

        // Text is 1/60 of the short side (20 px in the default 1600 x 1200), never under 11 px.
        var fonts = MapFonts.Shipped;
        var f = MathF.Max(MinTextSize, MathF.Round(Math.Min(w, h) / 60f));
        var margin = (int)MathF.Round(f);
        var texts = new List<SceneText>();
        float top = margin;
        if (!string.IsNullOrWhiteSpace(options.Title))
        {
            var ts = MathF.Round(f * 1.4f);
            var title = TextShaper.Fit(fonts, options.Title.Trim(), ts, w - (2 * margin));
            texts.Add(new SceneText(title, margin, top + (CapHeight * ts), ts, Ink));
            top += (1.25f * ts) + (0.75f * margin);
        }

        var line = MathF.Round(1.5f * f);
        var rows = Math.Clamp((int)((h - top - margin) / line) - 2, 2, MaxLegendEntries);
        var coloring = MapColoring.For(column, n, rows);
        var rects = new List<SceneRect>();
        var maxLabel = MaxLabelEms * f;
        var swatch = (int)MathF.Round(CapHeight * f);
        var gap = MathF.Round(0.6f * f);
        var heading = coloring.Column is { } c ? TextShaper.Fit(fonts, c, f, maxLabel) : null;
        var labels = coloring.Entries.Select(e => TextShaper.Fit(fonts, e.Label, f, maxLabel)).ToList();
        var counts = coloring.Entries.Select(e => e.Count.ToString("N0", CultureInfo.InvariantCulture)).ToList();
        string[] scale = coloring.Gradient is { } gs
            ? [Number(gs.Max), Number((gs.Min + gs.Max) / 2), Number(gs.Min), $"missing ({gs.Missing.ToString("N0", CultureInfo.InvariantCulture)})"]
            : [];
        var barWidth = (int)MathF.Round(0.8f * f);
        var legendWidth = (int)MathF.Ceiling(MathF.Max(
            heading is null ? 0 : TextShaper.Measure(fonts, heading, f),
            coloring.Gradient is not null
                ? barWidth + gap + scale.Max(t => TextShaper.Measure(fonts, t, f))
                : swatch + gap + labels.Max(t => TextShaper.Measure(fonts, t, f)) + (2 * gap) + counts.Max(t => TextShaper.Measure(fonts, t, f))));
        var legendX = w - margin - legendWidth;
        SceneGradientBar? bar = null;
        if (heading is not null)
        {
            texts.Add(new SceneText(heading, legendX, top + (CapHeight * f), f, Ink));
        }

        var y = top + (heading is null ? 0 : 2 * line);
        if (coloring.Gradient is { } g)
        {
            var barHeight = (int)Math.Min(h - y - margin - (3 * line), 15 * line);
            bar = new SceneGradientBar(legendX, (int)y, barWidth, barHeight);
            var labelX = legendX + barWidth + gap;
            texts.Add(new SceneText(scale[0], labelX, y + (CapHeight * f), f, Ink));
            texts.Add(new SceneText(scale[1], labelX, y + ((barHeight + (CapHeight * f)) / 2), f, Ink));
            texts.Add(new SceneText(scale[2], labelX, y + barHeight, f, Ink));
            if (g.Missing > 0)
            {
                var my = y + barHeight + line;
                rects.Add(new SceneRect(legendX, (int)my, swatch, swatch, Palette.Other));
                texts.Add(new SceneText(scale[3], legendX + swatch + gap, my + (CapHeight * f), f, Muted));
            }
        }
        else
        {
            for (var e = 0; e < coloring.Entries.Count; e++)
            {
                rects.Add(new SceneRect(legendX, (int)MathF.Round(y), swatch, swatch, coloring.Entries[e].Color));
                texts.Add(new SceneText(labels[e], legendX + swatch + gap, y + (CapHeight * f), f, Ink));
                texts.Add(new SceneText(counts[e], w - margin, y + (CapHeight * f), f, Muted, TextAnchor.End));
                y += line;
            }
        }

        var plotTop = (int)MathF.Ceiling(top);
        var plot = (X: margin, Y: plotTop, Width: legendX - (2 * margin), Height: h - plotTop - margin);
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

        var radius = (float)Math.Clamp(cell * 0.28, 1.2, 0.4 * f);
        return new MapScene
        {
            Width = w,
            Height = h,
            Plot = plot,
            Legend = (legendX, plotTop, legendWidth, h - plotTop - margin),
            X = px,
            Y = py,
            Order = Shuffle(n, options.Seed),
            Coloring = coloring,
            Radius = radius,
            Alpha = options.PointAlpha is { } a ? (float)Math.Clamp(a, 0.01, 1) : AutomaticAlpha(px, py, radius, plot),
            Sprite = sprite,
            Tile = tile,
            Frame = sprite is not null && column is not null ? Math.Max(1, (int)MathF.Round(f / 10)) : 0,
            Texts = texts,
            Rects = rects,
            GradientBar = bar,
            Title = options.Title,
        };
    }

    /// <summary>
    /// The opacity of dots, from how many dots pile up where a typical point lies, so that dense clusters
    /// read as density instead of a flat blob. The plot is cut into squares one dot wide; a point's square
    /// holding k dots means about L = k x pi/4 layers of ink there. For the median point's L the alpha makes
    /// L stacked dots 90% opaque (1 - 0.1^(1/L)): the typical cluster is then strongly coloured while its
    /// denser cores and sparser rims stay apart. It is at most 0.9 (a touch of transparency shows where two
    /// dots overlap) and at least 0.1 (a lone outlier must stay visible).
    /// </summary>
    private static float AutomaticAlpha(float[] x, float[] y, float radius, (int X, int Y, int Width, int Height) plot)
    {
        var side = 2 * radius;
        var columns = Math.Max(1, (int)MathF.Ceiling(plot.Width / side) + 1);
        var rows = Math.Max(1, (int)MathF.Ceiling(plot.Height / side) + 1);
        var cells = new int[columns * rows];
        var cell = new int[x.Length];
        var drawn = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (float.IsNaN(x[i]))
            {
                cell[i] = -1;
                continue;
            }

            var cx = Math.Clamp((int)((x[i] - plot.X) / side), 0, columns - 1);
            var cy = Math.Clamp((int)((y[i] - plot.Y) / side), 0, rows - 1);
            cell[i] = (cy * columns) + cx;
            cells[cell[i]]++;
            drawn++;
        }

        if (drawn == 0)
        {
            return 0.9f;
        }

        // The median of the points' crowding, counted by how many points see each crowding.
        var seen = new SortedDictionary<int, int>();
        foreach (var c in cell)
        {
            if (c >= 0)
            {
                seen[cells[c]] = seen.GetValueOrDefault(cells[c]) + 1;
            }
        }

        var median = 1;
        var passed = 0;
        foreach (var (crowd, points) in seen)
        {
            passed += points;
            if (passed * 2 >= drawn)
            {
                median = crowd;
                break;
            }
        }

        var layers = Math.Max(1, median * Math.PI / 4);
        return (float)Math.Clamp(1 - Math.Pow(0.1, 1 / layers), 0.1, 0.9);
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
}
