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
    }
}
