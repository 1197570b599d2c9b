using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.Metadata;

namespace Projector.Core.Formats.Standalone;

/// <summary>
/// Writes datasets in the standalone TF projector's layout: <c>projector_config.json</c> plus, beside it,
/// each embedding's float32 <c>.bytes</c>, metadata TSV (header only with two or more columns), sprite
/// PNG and bookmarks. Paths in the config are relative to it, as the page resolves them.
/// </summary>
public static class StandaloneConfigWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    /// <summary>Writes the config at <paramref name="configPath"/> and the files of every dataset beside it.</summary>
    public static void Write(string configPath, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configPath);
        ArgumentNullException.ThrowIfNull(datasets);
        var folder = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var entries = new List<StandaloneEmbedding>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in datasets)
        {
            var stem = FileStem.Unique(d.Name, used);
            var tensor = stem + ".bytes";
            BytesWriter.Write(Path.Combine(folder, tensor), d.Matrix, cancellationToken);
            string? metadata = null;
            if (d.Metadata.Columns.Count > 0)
            {
                metadata = stem + "_metadata.tsv";
                MetadataTsvWriter.Write(Path.Combine(folder, metadata), d.Metadata);
            }

            StandaloneSprite? sprite = null;
            if (d.Sprite is { } sheet)
            {
                var image = stem + "_sprite.png";
                SpriteWriter.Write(Path.Combine(folder, image), sheet);
                sprite = new StandaloneSprite(image, [sheet.TileWidth, sheet.TileHeight]);
            }

            string? bookmarks = null;
            if (d.BookmarksPath is { } source && File.Exists(source))
            {
                bookmarks = stem + "_bookmarks.json";
                var bytes = File.ReadAllBytes(source);
                AtomicFile.Write(Path.Combine(folder, bookmarks), s => s.Write(bytes));
            }

            entries.Add(new StandaloneEmbedding(d.Name, [d.Points, d.Dimensions], tensor, metadata, bookmarks, sprite));
        }

        WriteConfig(configPath, entries, null);
    }

    /// <summary>Writes only the JSON of a config.</summary>
    public static void WriteConfig(string configPath, IReadOnlyList<StandaloneEmbedding> embeddings, string? modelCheckpointPath)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        AtomicFile.Write(configPath, stream =>
        {
            using var w = new Utf8JsonWriter(stream, JsonOptions);
            w.WriteStartObject();
            w.WriteStartArray("embeddings");
            foreach (var e in embeddings)
            {
                w.WriteStartObject();
                w.WriteString("tensorName", e.TensorName);
                if (e.TensorShape is { } shape)
                {
                    WriteInts(w, "tensorShape", shape);
                }

                WriteOptional(w, "tensorPath", e.TensorPath);
                WriteOptional(w, "metadataPath", e.MetadataPath);
                WriteOptional(w, "bookmarksPath", e.BookmarksPath);
                if (e.Sprite is { } s)
                {
                    w.WriteStartObject("sprite");
                    w.WriteString("imagePath", s.ImagePath);
                    WriteInts(w, "singleImageDim", s.SingleImageDim);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteOptional(w, "modelCheckpointPath", modelCheckpointPath);
            w.WriteEndObject();
        });
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteInts(Utf8JsonWriter w, string name, int[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
