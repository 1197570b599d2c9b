using System.Text.Json;

namespace Projector.Core.Publishing.Export;

/// <summary>
/// <c>.projector-export.json</c>, kept in every export: the files the exporter wrote, so a later
/// <c>--force</c> export can tell its own files from anything a user put there.
/// </summary>
public static class ExportManifest
{
    /// <summary>The manifest's file name inside an export.</summary>
    public const string FileName = ".projector-export.json";

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    /// <summary>Writes the manifest listing <paramref name="files"/> into <paramref name="folder"/>.</summary>
    public static void Write(string folder, ExportFormat format, IReadOnlyList<ExportedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        AtomicFile.Write(Path.Combine(folder, FileName), stream =>
        {
            using var w = new Utf8JsonWriter(stream, JsonOptions);
            w.WriteStartObject();
            w.WriteString("generator", "projector");
            w.WriteString("format", format.ToString().ToLowerInvariant());
            w.WriteStartArray("files");
            foreach (var f in files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteNumber("bytes", f.Bytes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The relative paths a manifest in <paramref name="folder"/> lists, or null when there is no readable manifest.</summary>
    public static IReadOnlySet<string>? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!doc.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in files.EnumerateArray())
            {
                if (f.ValueKind == JsonValueKind.Object && f.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String)
                {
                    set.Add(p.GetString()!);
                }
            }

            return set;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every file under <paramref name="folder"/> as a relative '/' path, in ordinal order.</summary>
    public static IReadOnlyList<ExportedFile> List(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => new ExportedFile(Path.GetRelativePath(folder, f).Replace('\\', '/'), new FileInfo(f).Length))
            .Where(f => f.Path != FileName)
            .OrderBy(f => f.Path, StringComparer.Ordinal)];
}
