namespace Projector.Core.Publishing.Export;

/// <summary>
/// Writes a whole export folder safely: into a hidden temporary folder beside the target, renamed into
/// place only once complete, so an interrupted or failed export leaves neither half a site nor a temporary
/// folder. A non-empty target is refused unless forced, and even then only when every file in it is one an
/// earlier export wrote (listed in its <see cref="ExportManifest"/>).
/// </summary>
internal static class ExportFolder
{
    /// <summary>
    /// Runs <paramref name="write"/> on a fresh temporary folder, adds the manifest, and swaps the result in
    /// for <paramref name="target"/>. Returns the files written (manifest excluded).
    /// </summary>
    /// <exception cref="DataFormatException">The target is a file, or is not empty and may not be replaced.</exception>
    public static IReadOnlyList<ExportedFile> Write(string target, ExportFormat format, bool force, Action<string> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        CheckTarget(target, full, force);
        var parent = Path.GetDirectoryName(full) ?? throw new DataFormatException(target, "is a root folder", "Export into a folder below it");
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(full);
        TemporaryFiles.RemoveStale(parent, name);
        var temp = Path.Combine(parent, TemporaryFiles.NameFor(name, "export"));
        Directory.CreateDirectory(temp);
        try
        {
            write(temp);
            cancellationToken.ThrowIfCancellationRequested();
            var files = ExportManifest.List(temp);
            ExportManifest.Write(temp, format, files);
            CheckTarget(target, full, force);
            SwapIn(temp, full, parent, name);
            return files;
        }
        catch
        {
            TryDeleteFolder(temp);
            throw;
        }
    }

    private static void CheckTarget(string target, string full, bool force)
    {
        if (File.Exists(full))
        {
            throw new DataFormatException(target, "is a file, not a folder", "Give a folder to export into");
        }

        if (!Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any())
        {
            return;
        }

        if (!force)
        {
            throw new DataFormatException(target, "is not empty", "Export into a new or empty folder, or replace the earlier export there", remedy: new Remedy(RemedyOption.Force));
        }

        var own = ExportManifest.Read(full)
            ?? throw new DataFormatException(target, $"is not empty and holds no {ExportManifest.FileName}, so it is not an earlier export", "Export into a new or empty folder; replacing works only on an earlier export's own files");
        var stranger = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(full, f).Replace('\\', '/'))
            .Where(f => f != ExportManifest.FileName && !own.Contains(f))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (stranger is not null)
        {
            throw new DataFormatException(target, $"holds '{stranger}', which the earlier export did not write", "Move your own files out of the export folder, or export elsewhere; replacing works only on an earlier export's own files");
        }
    }

    private static void SwapIn(string temp, string full, string parent, string name)
    {
        if (!Directory.Exists(full))
        {
            Directory.Move(temp, full);
            return;
        }

        // The old folder moves aside first, so a failed rename can put it back untouched.
        var old = Path.Combine(parent, TemporaryFiles.NameFor(name, "old"));
        Directory.Move(full, old);
        try
        {
            Directory.Move(temp, full);
        }
        catch
        {
            Directory.Move(old, full);
            throw;
        }

        TryDeleteFolder(old);
    }

    private static void TryDeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Hidden and uniquely named: a leftover never collides with a later export.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
