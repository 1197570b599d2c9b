using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Grains;

/// <summary>
/// A metadata column the job's tiles carry, planned by the client before the job starts (kind, dictionary,
/// range), so every silo encodes its shard's values the same way and no process holds the whole column.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record JobColumn
{
    /// <summary>The name the tiles store it under.</summary>
    [Id(0)]
    public required string Name { get; init; }

    /// <summary>The column's name in its source.</summary>
    [Id(1)]
    public required string Source { get; init; }

    /// <summary>Its cell in each row of the metadata TSV; -1 for a column of the input file itself.</summary>
    [Id(2)]
    public int Cell { get; init; } = -1;

    /// <summary>How the tiles store it (a <see cref="TileColumnType"/>).</summary>
    [Id(3)]
    public int Type { get; init; }

    /// <summary>The dictionary of a dictionary column, else null.</summary>
    [Id(4)]
    public string[]? Values { get; init; }

    /// <summary>The smallest number of a number column.</summary>
    [Id(5)]
    public double? Min { get; init; }

    /// <summary>The largest number of a number column.</summary>
    [Id(6)]
    public double? Max { get; init; }

    /// <summary>The column as the tile writer plans it.</summary>
    public TileColumn ToTile() => new(Name, (TileColumnType)Type, Values, Min, Max);

    /// <summary>The job's record of <paramref name="plan"/>, read from <paramref name="source"/> (cell <paramref name="cell"/> of the TSV, or -1).</summary>
    public static JobColumn Of(TileColumn plan, string source, int cell)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new JobColumn { Name = plan.Name, Source = source, Cell = cell, Type = (int)plan.Type, Values = plan.Values?.ToArray(), Min = plan.Min, Max = plan.Max };
    }
}
