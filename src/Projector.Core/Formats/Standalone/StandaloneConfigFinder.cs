using System.Text.Json;

namespace Projector.Core.Formats.Standalone;

/// <summary>
/// Finds the standalone projector configs in a folder as people publish them: the page at the root and
/// the config with its data in a subfolder (often <c>oss_data/</c>), under a free name
/// (<c>*projector_config*.json</c>, or any JSON whose top level has <c>embeddings</c>).
/// </summary>
/// <remarks>
/// The walk is bounded (depth, folders, the size of a JSON it opens), follows a symbolic link to a
/// folder at most once (no loops), and skips <c>node_modules</c> and hidden folders such as <c>.git</c>.
/// </remarks>
internal static class StandaloneConfigFinder
{
    /// <summary>Folders below the one given that are searched.</summary>
    public const int MaxDepth = 4;

    // A site with more folders than this is not a projector folder; the walk stops rather than crawl it.
    private const int MaxFolders = 2_000;

    // A config is small; a large JSON (a dataset, a bundle) is not opened to look for `embeddings`.
    private const long MaxConfigBytes = 4 << 20;

    /// <summary>Every config below <paramref name="folder"/>, shallowest first, then by path.</summary>
    public static IReadOnlyList<string> Find(string folder)
    {
        var found = new List<(int Depth, string Path)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(DirectoryInfo Dir, int Depth)>();
        queue.Enqueue((new DirectoryInfo(folder), 0));
        var visited = 0;
        while (queue.Count > 0 && visited < MaxFolders)
        {
            var (dir, depth) = queue.Dequeue();
            if (!seen.Add(RealPath(dir)))
            {
                continue;
            }

            visited++;
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = [.. dir.EnumerateFileSystemInfos()];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (entry is DirectoryInfo sub)
                {
                    if (depth < MaxDepth && !Skipped(sub.Name))
                    {
                        queue.Enqueue((sub, depth + 1));
                    }
                }
                else if (entry is FileInfo file && IsConfig(file))
                {
                    found.Add((depth, file.FullName));
                }
            }
        }

        return [.. found.OrderBy(f => f.Depth).ThenBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Path)];
    }

    /// <summary>True for a config's name, or a small JSON whose top level is an object with an <c>embeddings</c> array.</summary>
    public static bool IsConfig(FileInfo file)
    {
        if (!file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (file.Name.Contains("projector_config", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var target = FileOpen.Target(file);
        if (!target.Exists || target.Length > MaxConfigBytes || target.Length == 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(File.ReadAllBytes(target.FullName), new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEmbeddings = reader.ValueTextEquals("embeddings"u8);
                reader.Read();
                if (isEmbeddings)
                {
                    return reader.TokenType == JsonTokenType.StartArray;
                }

                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
        }

        return false;
    }

    private static bool Skipped(string name) => name.StartsWith('.') || name is "node_modules" or "__pycache__";

    // A folder reached twice through links is walked once.
    private static string RealPath(DirectoryInfo dir)
    {
        try
        {
            return dir.LinkTarget is null ? dir.FullName : (dir.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir.FullName);
        }
        catch (IOException)
        {
            return dir.FullName;
        }
    }
}
