using System.Globalization;
using Projector.Core.Data;

namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// The metadata columns a tile set carries, prepared once for every tile: a column with few distinct
/// values becomes a dictionary shared by all tiles (int32 codes per row), so the page colours by it
/// with one palette; other number columns stay float64 and other text UTF-8.
/// </summary>
internal sealed class TileColumns
{
    /// <summary>Columns with at most this many distinct values are dictionary-encoded (the page's category limit).</summary>
    public const int MaxDictionary = 1000;

    private TileColumns(IReadOnlyList<CarriedColumn> carried) => Carried = carried;

    public IReadOnlyList<CarriedColumn> Carried { get; }

    public static TileColumns From(MetadataTable metadata, IReadOnlyList<string>? names, string reservedHint)
    {
        var chosen = names is null
            ? metadata.Columns
            : [.. names.Select(n => metadata[n] ?? throw new ArgumentException($"No metadata column '{n}'; columns: {(metadata.Columns.Count == 0 ? "(none)" : string.Join(", ", metadata.Columns.Select(c => c.Name)))}", nameof(names)))];
        var carried = new List<CarriedColumn>();
        foreach (var c in chosen)
        {
            if (TilePositions.Reserved.Contains(c.Name))
            {
                // x, y, z and id are the tile's own fields; a metadata column of that name keeps its values under another.
                carried.Add(Prepare(c, c.Name + reservedHint));
            }
            else
            {
                carried.Add(Prepare(c, c.Name));
            }
        }

        return new TileColumns(carried);
    }

    private static CarriedColumn Prepare(MetadataColumn column, string name)
    {
        if (column.DistinctCount <= MaxDictionary)
        {
            var distinct = column.Values.Where(v => v is not null).Distinct(StringComparer.Ordinal).Cast<string>();
            var values = column.Kind == MetadataKind.Number
                ? [.. distinct.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ThenBy(v => v, StringComparer.Ordinal)]
                : distinct.Order(StringComparer.Ordinal).ToArray();
            var index = new Dictionary<string, int>(values.Length, StringComparer.Ordinal);
            for (var i = 0; i < values.Length; i++)
            {
                index[values[i]] = i;
            }

            var codes = new int[column.Count];
            for (var r = 0; r < codes.Length; r++)
            {
                codes[r] = column[r] is { } v ? index[v] : -1;
            }

            return new CarriedColumn(new TileColumn(name, TileColumnType.Dictionary, values), column, codes);
        }

        if (column.Kind == MetadataKind.Number)
        {
            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            foreach (var v in column.Numbers)
            {
                if (!double.IsNaN(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }

            return new CarriedColumn(new TileColumn(name, TileColumnType.Float64, null, min, max), column, null);
        }

        return new CarriedColumn(new TileColumn(name, TileColumnType.Utf8), column, null);
    }

    /// <summary>A column as stored, with the input column and, for a dictionary, each row's code (-1 when missing).</summary>
    internal sealed record CarriedColumn(TileColumn Column, MetadataColumn Source, int[]? Codes);
}
