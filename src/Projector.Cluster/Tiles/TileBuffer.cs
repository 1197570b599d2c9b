using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Tiles;

/// <summary>Points gathered for one tile during the merge: their rows, positions (x, y) and carried values, in step.</summary>
internal sealed class TileBuffer(IReadOnlyList<TileColumn> columns)
{
    /// <summary>The points' input rows.</summary>
    public List<int> Rows { get; } = [];

    /// <summary>x, y of each point.</summary>
    public List<float> Positions { get; } = [];

    /// <summary>Each carried column's values.</summary>
    public TileColumnValues[] Columns { get; } = [.. columns.Select(c => new TileColumnValues(c))];

    /// <summary>Points held.</summary>
    public int Count => Rows.Count;

    /// <summary>Appends point <paramref name="i"/> of <paramref name="other"/>.</summary>
    public void Add(TileBuffer other, int i)
    {
        Rows.Add(other.Rows[i]);
        Positions.Add(other.Positions[2 * i]);
        Positions.Add(other.Positions[(2 * i) + 1]);
        for (var c = 0; c < Columns.Length; c++)
        {
            Columns[c].AddFrom(other.Columns[c], i);
        }
    }

    /// <summary>Appends every point of <paramref name="other"/>.</summary>
    public void AddAll(TileBuffer other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Add(other, i);
        }
    }

    /// <summary>Empties the buffer.</summary>
    public void Clear()
    {
        Rows.Clear();
        Positions.Clear();
        foreach (var c in Columns)
        {
            c.Clear();
        }
    }
}
