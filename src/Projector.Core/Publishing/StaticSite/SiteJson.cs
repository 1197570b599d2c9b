using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Core.Publishing.StaticSite;

/// <summary>
/// The JSON files of a static site, shaped exactly as the HTTP API's answers (docs/api.md) so the page
/// reads either the same way.
/// </summary>
internal static class SiteJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    public static void Write(string path, Action<Utf8JsonWriter> write, bool indented = true) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, indented ? Indented : Compact);
            write(w);
        });

    /// <summary>A catalog item, as <c>GET /api/datasets/{id}</c> answers.</summary>
    public static void CatalogItem(Utf8JsonWriter w, string id, Dataset d)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", DisplayName(d));
        w.WriteNumber("points", d.Points);
        w.WriteNumber("dimensions", d.Dimensions);

        // Only the file name: a published site must not reveal the folders of the machine that made it.
        var source = PublicSource(d);
        w.WriteString("source", source);
        w.WriteString("group", source);
        w.WriteString("tensor", d.Name.StartsWith("demo:", StringComparison.Ordinal) ? id : d.Name);
        WriteStringOrNull(w, "run", d.Run);
        if (d.Step is { } step)
        {
            w.WriteNumber("step", step);
        }
        else
        {
            w.WriteNull("step");
        }

        w.WriteStartArray("columns");
        foreach (var c in d.Metadata.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("kind", KindName(c.Kind));
            w.WriteNumber("distinct", c.DistinctCount);
            w.WriteNumber("missing", c.MissingCount);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (d.Sprite is { } s)
        {
            w.WriteStartObject("sprite");
            w.WriteNumber("width", s.Width);
            w.WriteNumber("height", s.Height);
            w.WriteNumber("tileWidth", s.TileWidth);
            w.WriteNumber("tileHeight", s.TileHeight);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("sprite");
        }

        w.WriteStartArray("warnings");
        foreach (var warning in d.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The bookmarks, as <c>GET /api/datasets/{id}/bookmarks</c> answers. A standalone config's bookmarks
    /// file (the TF projector's array of states) becomes one read-only bookmark per state, named by its
    /// label, with the server's ids <c>config-1</c>, <c>config-2</c>, ...
    /// </summary>
    public static void Bookmarks(Utf8JsonWriter w, Dataset d)
    {
        w.WriteStartArray();
        if (d.BookmarksPath is { } path && File.Exists(path))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                if (doc.RootElement.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var state in doc.RootElement.EnumerateArray())
                    {
                        i++;
                        w.WriteStartObject();
                        w.WriteString("id", $"config-{i}");
                        var label = state.ValueKind == JsonValueKind.Object && state.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                        w.WriteString("name", string.IsNullOrEmpty(label) ? $"Bookmark {i}" : label);
                        w.WriteNull("created");
                        w.WritePropertyName("state");
                        state.WriteTo(w);
                        w.WriteBoolean("readOnly", true);
                        w.WriteEndObject();
                    }
                }
                else
                {
                    d.Warnings.Add($"bookmarks file {Path.GetFileName(path)} is not a JSON array; left out");
                }
            }
            catch (JsonException e)
            {
                d.Warnings.Add($"bookmarks file {Path.GetFileName(path)} is not valid JSON ({e.Message.ReplaceLineEndings(" ")}); left out");
            }
        }

        w.WriteEndArray();
    }

    /// <summary>The name the server's catalog shows: the demos by what they are, anything else by its own name.</summary>
    public static string DisplayName(Dataset d) => NamedSources.Find(d.Name)?.Title ?? d.Name;

    public static string KindName(MetadataKind kind) => kind == MetadataKind.Number ? "number" : "text";

    private static string PublicSource(Dataset d)
    {
        var source = d.Source ?? d.Name;
        return source.StartsWith("demo:", StringComparison.Ordinal) ? source : Path.GetFileName(Path.TrimEndingDirectorySeparator(source));
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
