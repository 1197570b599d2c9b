using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Projector.Core;

/// <summary>
/// The hidden temporaries outputs are built in (<c>.NAME.PID.GUID.tmp</c>, <c>.NAME.export-PID-GUID.tmp</c>,
/// ...) and the removal of those a killed run left: a later run of the same output removes the ones of its
/// own pattern whose process is gone, so a crash costs nothing twice.
/// </summary>
internal static partial class TemporaryFiles
{
    /// <summary>A fresh temporary name beside <paramref name="name"/>, tagged with this process and a kind (empty for a file).</summary>
    public static string NameFor(string name, string kind) =>
        kind.Length == 0 ? $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp" : $".{name}.{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";

    /// <summary>Removes the temporaries of <paramref name="name"/> in <paramref name="folder"/> whose process no longer runs.</summary>
    /// <returns>How many were removed.</returns>
    public static int RemoveStale(string folder, string name)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        var prefix = $".{name}.";
        try
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos(prefix + "*.tmp"))
            {
                var match = Pattern().Match(entry.Name[prefix.Length..]);
                if (!match.Success || !int.TryParse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture, out var pid) || IsRunning(pid))
                {
                    continue;
                }

                try
                {
                    if (entry is DirectoryInfo dir && dir.LinkTarget is null)
                    {
                        dir.Delete(recursive: true);
                    }
                    else
                    {
                        entry.Delete();
                    }

                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another run may be removing it too; a leftover is harmless.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex("^(?:(?:export|old|stage)-)?(?<pid>[0-9]{1,10})[.-][0-9a-f]{32}\\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
