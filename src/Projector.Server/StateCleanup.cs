using System.Text.RegularExpressions;
using Projector.Core;

namespace Projector.Server;

/// <summary>
/// At start, removes what a killed run left in the state folder: the hidden temporaries of atomic saves
/// (<c>.NAME.PID.GUID.tmp</c>: a bookmark list, an upload's manifest) and of uploads being received
/// (<c>uploads/.incoming/.upload.stage-PID-GUID.tmp</c>) whose process is gone. A temporary of a
/// process still running (another server on the same state folder) is left alone.
/// </summary>
internal static partial class StateCleanup
{
    // The state folder, bookmarks/ and uploads/, and each upload's folder and uploads/.incoming.
    private const int Depth = 2;

    /// <summary>Removes the stale temporaries under <paramref name="stateFolder"/>.</summary>
    /// <returns>How many were removed.</returns>
    public static int RemoveStaleTemporaries(string stateFolder)
    {
        if (!Directory.Exists(stateFolder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Folders(new DirectoryInfo(stateFolder), Depth))
        {
            foreach (var name in TemporaryNames(folder))
            {
                removed += TemporaryFiles.RemoveStale(folder, name);
            }
        }

        return removed;
    }

    private static IEnumerable<string> Folders(DirectoryInfo folder, int depth)
    {
        yield return folder.FullName;
        if (depth == 0)
        {
            yield break;
        }

        DirectoryInfo[] children;
        try
        {
            children = folder.GetDirectories();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var child in children.Where(c => c.LinkTarget is null && !c.Name.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            foreach (var f in Folders(child, depth - 1))
            {
                yield return f;
            }
        }
    }

    /// <summary>The NAMEs of the temporaries in <paramref name="folder"/>, for <see cref="TemporaryFiles.RemoveStale"/>.</summary>
    private static HashSet<string> TemporaryNames(string folder)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder, ".*.tmp"))
            {
                var match = Temporary().Match(Path.GetFileName(entry));
                if (match.Success)
                {
                    names.Add(match.Groups["name"].Value);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return names;
    }

    [GeneratedRegex("^\\.(?<name>.+?)\\.(?:(?:export|old|stage)-)?[0-9]{1,10}[.-][0-9a-f]{32}\\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex Temporary();
}
