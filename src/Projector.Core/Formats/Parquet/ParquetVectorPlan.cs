using Projector.Core.Formats.Csv;

namespace Projector.Core.Formats.Parquet;

/// <summary>Where the vectors of a Parquet file come from: one list column, or numeric columns chosen with <c>--columns</c>.</summary>
internal sealed class ParquetVectorPlan
{
    private ParquetVectorPlan(ParquetLeaf? vector, IReadOnlyList<ParquetLeaf> numeric)
    {
        Vector = vector;
        Numeric = numeric;
    }

    /// <summary>The list column holding the vectors, or null when they come from <see cref="Numeric"/>.</summary>
    public ParquetLeaf? Vector { get; }

    /// <summary>The numeric columns whose values, in order, form each vector.</summary>
    public IReadOnlyList<ParquetLeaf> Numeric { get; }

    /// <summary>How errors name the vector column(s).</summary>
    public string ColumnName => Vector?.Name ?? (Numeric.Count <= 3 ? string.Join(", ", Numeric.Select(l => l.Name)) : $"{Numeric[0].Name}..{Numeric[^1].Name}");

    /// <summary>The source element type for numeric columns (the first one's).</summary>
    public string DType => Numeric.Count > 0 && Numeric[0].Type == typeof(double) ? "float64" : Numeric.Count > 0 && Numeric[0].Type == typeof(float) ? "float32" : "number";

    /// <summary>Whether <paramref name="leaf"/> is one of the vector columns.</summary>
    public bool Uses(ParquetLeaf leaf) => leaf == Vector || Numeric.Contains(leaf);

    /// <summary>
    /// The first float list column, or the columns <paramref name="spec"/> selects (a regex over column
    /// names or a 0-based range over them, as for CSV); throws a message listing the columns when none fit.
    /// </summary>
    public static ParquetVectorPlan Choose(IReadOnlyList<ParquetLeaf> leaves, string? spec, string path)
    {
        // Columns as the user sees them: a list is one column, whatever its encoding's leaf is called.
        var columns = leaves.DistinctBy(l => l.Name).ToList();
        var listing = string.Join(", ", columns.Select(l => $"{l.Name} ({l.Describe()})"));
        if (spec is null)
        {
            return leaves.FirstOrDefault(l => l.IsFloatList) is { } vector
                ? new ParquetVectorPlan(vector, [])
                : throw new DataFormatException(path, $"no column holds a list of floats to use as the vector (columns: {listing})", "Choose numeric columns by a pattern or a range FROM..TO to build the vectors from", remedy: new Remedy(RemedyOption.Columns, "FROM..TO"));
        }

        var selected = CsvColumnSelection.Select(spec, [.. columns.Select(c => c.Name)], path);
        var chosen = columns.Where((_, i) => selected[i]).ToList();
        if (chosen.Count == 1 && chosen[0].IsFloatList)
        {
            return new ParquetVectorPlan(chosen[0], []);
        }

        if (chosen.FirstOrDefault(c => !c.IsNumber) is { } bad)
        {
            throw new DataFormatException(path, $"column '{bad.Name}' ({bad.Describe()}), chosen by the column selection {spec}, does not hold one number per row (columns: {listing})", "Choose numeric columns only, or a single list<float> column");
        }

        return new ParquetVectorPlan(null, chosen);
    }
}
