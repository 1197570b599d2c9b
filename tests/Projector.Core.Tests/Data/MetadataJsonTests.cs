using System.Text.Json;
using Projector.Core.Data;

namespace Projector.Core.Tests.Data;

public sealed class MetadataJsonTests
{
    [Fact]
    public async Task Sync_and_async_writers_give_the_same_json_with_text_numbers_and_missing_values()
    {
        // Given 50,000 rows (several 64 KB flushes): a text column with a missing value and a number column with a missing one
        const int n = 50_000;
        var words = Enumerable.Range(0, n).Select(i => i == 3 ? null : $"w{i}").ToArray();
        var numbers = Enumerable.Range(0, n).Select(i => i == 5 ? string.Empty : (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var table = new MetadataTable(n, [new MetadataColumn("word", words), new MetadataColumn("score", numbers)]);

        // When it is written both ways
        using var syncStream = new MemoryStream();
        using (var w = new Utf8JsonWriter(syncStream))
        {
            MetadataJson.Write(w, table);
        }

        using var asyncStream = new MemoryStream();
        await using (var w = new Utf8JsonWriter(asyncStream))
        {
            await MetadataJson.WriteAsync(w, table, TestContext.Current.CancellationToken);
        }

        // Then both are the same document, with "" for missing text and null for a missing number
        Assert.Equal(syncStream.ToArray(), asyncStream.ToArray());
        using var doc = JsonDocument.Parse(syncStream.ToArray());
        Assert.Equal(n, doc.RootElement.GetProperty("rows").GetInt32());
        var columns = doc.RootElement.GetProperty("columns");
        Assert.Equal("text", columns[0].GetProperty("kind").GetString());
        Assert.Equal(string.Empty, columns[0].GetProperty("values")[3].GetString());
        Assert.Equal("w49999", columns[0].GetProperty("values")[n - 1].GetString());
        Assert.Equal("number", columns[1].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, columns[1].GetProperty("values")[5].ValueKind);
        Assert.Equal(3.0, columns[1].GetProperty("values")[6].GetDouble());
        Assert.Equal((n / 2.0) - 0.5, columns[1].GetProperty("values")[n - 1].GetDouble());
        Assert.False(columns[1].TryGetProperty("text", out _));
    }

    [Theory]
    [InlineData("7.0")]
    [InlineData("1e3")]
    [InlineData("007")]
    [InlineData("-0")]
    public void A_number_column_written_other_than_plainly_also_carries_the_file_text(string cell)
    {
        // Given a number column where one cell is not its number's plain shortest form
        var table = new MetadataTable(3, [new MetadataColumn("n", ["1", cell, string.Empty])]);

        // When it is written
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            MetadataJson.Write(w, table);
        }

        // Then the column keeps its numbers and adds the cells as the file wrote them
        using var doc = JsonDocument.Parse(stream.ToArray());
        var column = doc.RootElement.GetProperty("columns")[0];
        Assert.Equal("number", column.GetProperty("kind").GetString());
        Assert.Equal(["1", cell, string.Empty], column.GetProperty("text").EnumerateArray().Select(v => v.GetString()));
    }
}
