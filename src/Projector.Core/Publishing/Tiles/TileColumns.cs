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
            // x, y, z and id are the tile's own fields; a metadata column of that name keeps its values under another.
            carried.Add(Prepare(c, StoredName(c.Name, reservedHint)));
        }

        return new TileColumns(carried);
    }

    private static CarriedColumn Prepare(MetadataColumn column, string name)
    {
        var stats = new TileColumnStats();
        foreach (var v in column.Values)
        {
            stats.Add(v);
        }

        var plan = stats.Plan(name);
        if (plan.Type != TileColumnType.Dictionary)
        {
            return new CarriedColumn(plan, column, null);
        }

        var index = DictionaryIndex(plan);
        var codes = new int[column.Count];
        for (var r = 0; r < codes.Length; r++)
        {
            codes[r] = column[r] is { } v ? index[v] : -1;
        }

        return new CarriedColumn(plan, column, codes);
    }

    /// <summary>The code of each value of a dictionary column.</summary>
    public static Dictionary<string, int> DictionaryIndex(TileColumn column)
    {
        var values = column.Values ?? [];
        var index = new Dictionary<string, int>(values.Count, StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            index[values[i]] = i;
        }

        return index;
    }

    /// <summary>The name a metadata column is stored under: its own, or with <paramref name="reservedHint"/> appended when a tile's own field has it.</summary>
    public static string StoredName(string name, string reservedHint) => TilePositions.Reserved.Contains(name) ? name + reservedHint : name;

    /// <summary>
    /// Columns planned beforehand (<see cref="TileColumnStats"/>) whose values come with each tile
    /// (<see cref="TileColumnValues"/>) rather than from a table of every row.
    /// </summary>
    public static TileColumns FromPlans(IEnumerable<TileColumn> plans) => new([.. plans.Select(p => new CarriedColumn(p, null, null))]);

    /// <summary>A column as stored, with the input column and, for a dictionary, each row's code (-1 when missing); no input column when planned beforehand.</summary>
    internal sealed record CarriedColumn(TileColumn Column, MetadataColumn? Source, int[]? Codes);
}
