namespace Projector.Core.Data;

/// <summary>Named metadata columns, all with the same number of rows (one per point).</summary>
public sealed class MetadataTable
{
    private readonly List<MetadataColumn> _columns;

    /// <summary>Creates a table; every column must have <paramref name="rows"/> values.</summary>
    public MetadataTable(int rows, IEnumerable<MetadataColumn> columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(columns);
        Rows = rows;
        _columns = [.. columns];
        foreach (var c in _columns)
        {
            if (c.Count != rows)
            {
                throw new ArgumentException($"Column '{c.Name}' has {c.Count} values; the table has {rows} rows.", nameof(columns));
            }
        }

        var dup = _columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ArgumentException($"Two columns are named '{dup.Key}'.", nameof(columns));
        }
    }

    /// <summary>A table with no columns.</summary>
    public static MetadataTable Empty(int rows) => new(rows, []);

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>The columns in file order.</summary>
    public IReadOnlyList<MetadataColumn> Columns => _columns;

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public MetadataColumn? this[string name] => _columns.FirstOrDefault(c => c.Name == name);

    /// <summary>A table with the first <paramref name="count"/> rows.</summary>
    public MetadataTable Take(int count)
    {
        var n = Math.Min(count, Rows);
        return new MetadataTable(n, _columns.Select(c => c.Take(n)));
    }

    /// <summary>A table with <paramref name="column"/> added in front (e.g. the words of a word2vec file).</summary>
    public MetadataTable WithFirstColumn(MetadataColumn column) => new(Rows, [column, .. _columns]);
}
