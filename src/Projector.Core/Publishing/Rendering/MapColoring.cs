using System.Globalization;
using Projector.Core.Data;

namespace Projector.Core.Publishing.Rendering;

/// <summary>
/// The colour of every point and the legend that explains it: categories of a column (the most frequent
/// ones when there are too many, the rest as "other"), a gradient for a number column with many values,
/// or one colour when nothing colours the points.
/// </summary>
public sealed class MapColoring
{
    /// <summary>A number column with more distinct values than this is drawn as a gradient, not as categories.</summary>
    public const int MaxNumberCategories = 20;

    private MapColoring(string? column, Rgb[] colors, IReadOnlyList<LegendEntry> entries, GradientScale? gradient)
    {
        Column = column;
        Colors = colors;
        Entries = entries;
        Gradient = gradient;
    }

    /// <summary>The column the colours come from, or null.</summary>
    public string? Column { get; }

    /// <summary>One colour per point.</summary>
    public IReadOnlyList<Rgb> Colors { get; }

    /// <summary>The categorical legend's lines (empty for a gradient).</summary>
    public IReadOnlyList<LegendEntry> Entries { get; }

    /// <summary>The scale of a number column, or null for categories.</summary>
    public GradientScale? Gradient { get; }

    /// <summary>
    /// The column a picture is coloured by when none is named: <c>label</c> when there is one, else the first
    /// column with 2 to 1,000 distinct values; null when no column tells points apart usefully.
    /// </summary>
    public static MetadataColumn? DefaultColumn(MetadataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        static bool Useful(MetadataColumn c) => c.DistinctCount is >= 2 and <= 1000 || (c.Kind == MetadataKind.Number && c.DistinctCount >= 2);
        return table.Columns.FirstOrDefault(c => c.Name == "label" && Useful(c)) ?? table.Columns.FirstOrDefault(Useful);
    }

    /// <summary>Colours of <paramref name="points"/> points by <paramref name="column"/>, with at most <paramref name="maxEntries"/> legend lines.</summary>
    public static MapColoring For(MetadataColumn? column, int points, int maxEntries)
    {
        maxEntries = Math.Clamp(maxEntries, 2, Palette.Size);
        if (column is null)
        {
            return new MapColoring(null, [.. Enumerable.Repeat(Palette.Single, points)], [new LegendEntry(Count(points, "point"), Palette.Single, points)], null);
        }

        return column.Kind == MetadataKind.Number && column.DistinctCount > MaxNumberCategories
            ? ByNumber(column)
            : ByCategory(column, maxEntries);
    }

    private static MapColoring ByNumber(MetadataColumn column)
    {
        var values = column.Numbers;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        var colors = new Rgb[values.Length];
        var missing = 0;
        var range = max > min ? max - min : 1;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]))
            {
                colors[i] = Palette.Gradient((values[i] - min) / range);
            }
            else
            {
                colors[i] = Palette.Other;
                missing++;
            }
        }

        return new MapColoring(column.Name, colors, [], new GradientScale(min, max, missing));
    }

    private static MapColoring ByCategory(MetadataColumn column, int maxEntries)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = 0;
        foreach (var v in column.Values)
        {
            if (v is null)
            {
                missing++;
            }
            else
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        var room = maxEntries - (missing > 0 ? 1 : 0);
        var shown = counts.Count <= room
            ? [.. counts.Keys.Order(NaturalOrder.Instance)]
            : counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, NaturalOrder.Instance).Take(room - 1).Select(kv => kv.Key).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<LegendEntry>();
        foreach (var name in shown)
        {
            index[name] = entries.Count;
            entries.Add(new LegendEntry(name, Palette.Category(entries.Count), counts[name]));
        }

        var others = counts.Count - shown.Count;
        if (others > 0)
        {
            var count = counts.Where(kv => !index.ContainsKey(kv.Key)).Sum(kv => kv.Value);
            entries.Add(new LegendEntry($"other ({Count(others, "category", "categories")})", Palette.Other, count));
        }

        if (missing > 0)
        {
            entries.Add(new LegendEntry("(missing)", Palette.Other, missing));
        }

        var colors = new Rgb[column.Count];
        for (var i = 0; i < colors.Length; i++)
        {
            colors[i] = column[i] is { } v && index.TryGetValue(v, out var c) ? entries[c].Color : Palette.Other;
        }

        return new MapColoring(column.Name, colors, entries, null);
    }

    private static string Count(int n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {(n == 1 ? one : many ?? one + "s")}");

    /// <summary>Numbers by value, then text ordinally: "2" before "10", as a reader expects.</summary>
    private sealed class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var nx = double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a);
            var ny = double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b);
            return (nx, ny) switch
            {
                (true, true) when a != b => a.CompareTo(b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x, y),
            };
        }
    }
}
