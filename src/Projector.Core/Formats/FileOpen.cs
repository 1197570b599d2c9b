namespace Projector.Core.Formats;

/// <summary>Opens inputs read-only, turning file-system failures into one-line <see cref="DataFormatException"/>s.</summary>
internal static class FileOpen
{
    /// <summary>Opens <paramref name="path"/> for sequential reading; refuses missing and empty files.</summary>
    public static FileStream Read(string path, bool allowEmpty = false, int bufferSize = 1 << 16)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException e)
        {
            throw new DataFormatException(path, "file not found", "Check the path", inner: e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DataFormatException(path, "folder not found", "Check the path", inner: e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataFormatException(path, "permission denied", "Check the file's permissions", inner: e);
        }
        catch (IOException e)
        {
            throw new DataFormatException(path, $"cannot be opened: {e.Message}", "Check the file", inner: e);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new DataFormatException(path, $"is not a usable file path ({e.Message})", "Check the path", inner: e);
        }

        if (!allowEmpty && stream.Length == 0)
        {
            stream.Dispose();
            throw new DataFormatException(path, "file is empty", "Give a file with data in it");
        }

        return stream;
    }

    /// <summary>The size of a file (through symbolic links: the size of what they point to), or an error naming it when it does not exist.</summary>
    public static long Size(string path)
    {
        var info = Target(new FileInfo(path));
        if (!info.Exists)
        {
            throw new DataFormatException(path, "file not found", "Check the path");
        }

        return info.Length;
    }

    /// <summary>The file a symbolic link finally points to (FileInfo describes the link itself), or the file.</summary>
    public static FileInfo Target(FileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.LinkTarget is null)
        {
            return info;
        }

        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        }
        catch (IOException e)
        {
            throw new DataFormatException(info.FullName, $"is a symbolic link that cannot be followed ({e.Message})", "Fix or remove the link", inner: e);
        }
    }
}
