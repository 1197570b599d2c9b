using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Publishing.Tiles;

namespace Projector.Core.Tests.Publishing.Tiles;

public sealed class TileColumnValuesTests
{
    [Fact]
    public void A_tile_written_from_encoded_values_has_the_bytes_of_one_written_from_the_whole_table()
    {
        const int rows = 1500;
        var table = new MetadataTable(rows,
        [
            new MetadataColumn("label", [.. Enumerable.Range(0, rows).Select(r => r % 13 == 0 ? null : "c" + (r % 6))]),
            new MetadataColumn("score", [.. Enumerable.Range(0, rows).Select(r => r % 11 == 0 ? null : (r * 0.25).ToString(CultureInfo.InvariantCulture))]),
            new MetadataColumn("text", [.. Enumerable.Range(0, rows).Select(r => r % 7 == 0 ? null : "t" + r)]),
            new MetadataColumn("x", [.. Enumerable.Range(0, rows).Select(r => (r % 4).ToString(CultureInfo.InvariantCulture))]),
        ]);
        var whole = TileColumns.From(table, null, "_value");
        Assert.Equal([TileColumnType.Dictionary, TileColumnType.Float64, TileColumnType.Utf8, TileColumnType.Dictionary], whole.Carried.Select(c => c.Column.Type));
        Assert.Equal("x_value", whole.Carried[3].Column.Name);

        // Planned from a stream of values, as a cluster's client plans a TSV it cannot hold.
        var planned = table.Columns.Select(c =>
        {
            var stats = new TileColumnStats();
            foreach (var v in c.Values)
            {
                stats.Add(v);
            }

            return stats.Plan(TileColumns.StoredName(c.Name, "_value"));
        }).ToList();
        var tileRows = Enumerable.Range(0, rows).Where(r => r % 3 != 1).ToArray();
        var positions = new float[rows * 2];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i * 0.01f;
        }

        var values = planned.Select(p => new TileColumnValues(p)).ToList();
        foreach (var r in tileRows)
        {
            for (var c = 0; c < values.Count; c++)
            {
                Assert.True(values[c].Add(table.Columns[c][r]));
            }
        }

        var fromTable = new MemoryStream();
        new TileArrowWriter(positions, 2, whole).Write(fromTable, tileRows);
        var tilePositions = tileRows.SelectMany(r => new[] { positions[2 * r], positions[(2 * r) + 1] }).ToArray();
        var fromValues = new MemoryStream();
        new TileArrowWriter([], 2, TileColumns.FromPlans(planned)).Write(fromValues, tileRows, tilePositions, values);

        Assert.Equal(fromTable.ToArray(), fromValues.ToArray());
    }

    [Fact]
    public void A_value_outside_the_plan_is_refused()
    {
        var values = new TileColumnValues(new TileColumn("label", TileColumnType.Dictionary, ["a", "b"]));
        Assert.True(values.Add("a"));
        Assert.True(values.Add(null));
        Assert.False(values.Add("c"));
        var numbers = new TileColumnValues(new TileColumn("n", TileColumnType.Float64, null, 0, 1));
        Assert.True(numbers.Add("0.5"));
        Assert.False(numbers.Add("half"));
    }
}
