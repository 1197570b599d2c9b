using System.Globalization;
using System.Text.Json;

namespace Projector.Core.Data;

/// <summary>The JSON form of a <see cref="MetadataTable"/>, shared by the HTTP API and the static site.</summary>
public static class MetadataJson
{
    /// <summary>
    /// Writes <paramref name="table"/> as <c>{"rows": N, "columns": [{"name", "kind": "text"|"number",
    /// "values": [...]}]}</c>, flushing every 64 KB: the body of <c>GET /api/datasets/{id}/metadata</c>
    /// and the static site's <c>metadata.json</c>. Missing text is "", missing or non-finite numbers null.
    /// A number column whose file text is not the number's plain shortest form (<c>7.0</c>, <c>1e3</c>,
    /// <c>007</c>) also carries <c>"text": [...]</c>, the cells as the file wrote them, so a search in
    /// the static page matches what the server's search matches.
    /// </summary>
    /// <param name="w">The writer.</param>
    /// <param name="table">The metadata.</param>
    public static void Write(Utf8JsonWriter w, MetadataTable table)
    {
        foreach (var _ in MetadataParts(w, table))
        {
            w.Flush();
        }
    }

    /// <summary>
    /// The same JSON as <see cref="Write"/>, flushed asynchronously every 64 KB, so that a table of a
    /// million rows streams to an HTTP response without being held in memory.
    /// </summary>
    /// <param name="w">The writer.</param>
    /// <param name="table">The metadata.</param>
    /// <param name="cancellationToken">Stops between flushes.</param>
    /// <returns>A task that completes when everything is flushed.</returns>
    public static async Task WriteAsync(Utf8JsonWriter w, MetadataTable table, CancellationToken cancellationToken = default)
    {
        foreach (var _ in MetadataParts(w, table))
        {
            await w.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the metadata JSON, pausing (yielding) whenever more than 64 KB are pending.</summary>
    private static IEnumerable<bool> MetadataParts(Utf8JsonWriter w, MetadataTable table)
    {
        w.WriteStartObject();
        w.WriteNumber("rows", table.Rows);
        w.WriteStartArray("columns");
        foreach (var c in table.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("kind", c.Kind == MetadataKind.Number ? "number" : "text");
            w.WriteStartArray("values");
            for (var i = 0; i < c.Count; i++)
            {
                if (c.Kind != MetadataKind.Number)
                {
                    w.WriteStringValue(c[i] ?? string.Empty);
                }
                else if (double.IsFinite(c.Numbers[i]))
                {
                    w.WriteNumberValue(c.Numbers[i]);
                }
                else
                {
                    // JSON has no NaN or infinity: missing and non-finite values are null.
                    w.WriteNullValue();
                }

                if (w.BytesPending > 1 << 16)
                {
                    yield return true;
                }
            }

            w.WriteEndArray();
            if (c.Kind == MetadataKind.Number && !IsPlainNumberText(c))
            {
                w.WriteStartArray("text");
                for (var i = 0; i < c.Count; i++)
                {
                    w.WriteStringValue(c[i] ?? string.Empty);
                    if (w.BytesPending > 1 << 16)
                    {
                        yield return true;
                    }
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        yield return true;
    }

    /// <summary>
    /// True when every cell of the number column reads as its number's shortest round-trip form without an
    /// exponent, which is also how a browser prints the number (<c>String(v)</c>), so the text can be left out.
    /// </summary>
    private static bool IsPlainNumberText(MetadataColumn c)
    {
        for (var i = 0; i < c.Count; i++)
        {
            var text = c[i];
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var v = c.Numbers[i];
            var canonical = v.ToString("R", CultureInfo.InvariantCulture);
            if (!double.IsFinite(v) || text != canonical || canonical.Contains('E', StringComparison.Ordinal) || (v == 0 && text != "0"))
            {
                return false;
            }
        }

        return true;
    }
}
