namespace Projector.Core.Imaging;

/// <summary>Finds the image files a sprite is built from: a folder's images or a list file.</summary>
internal static class SpriteInputs
{
    /// <summary>The image files directly in <paramref name="folder"/>, ordinal by name.</summary>
    public static IReadOnlyList<string> ListImageFiles(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        try
        {
            return Directory.GetFiles(folder)
                .Where(ImageFile.HasImageExtension)
                .OrderBy(Path.GetFileName, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DataFormatException(folder, "cannot list the folder: " + e.Message, "check the folder exists and is readable", inner: e);
        }
    }

    /// <summary>The paths listed in <paramref name="listPath"/>, resolved against its folder.</summary>
    public static IReadOnlyList<string> ReadListFile(string listPath)
    {
        ArgumentNullException.ThrowIfNull(listPath);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(listPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFormatException(listPath, "cannot read the list file: " + e.Message, "check the path exists and is readable", inner: e);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(listPath))!;
        var paths = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(folder, line));
            if (!File.Exists(path))
            {
                throw new DataFormatException(listPath, $"listed image {line} does not exist (looked for {path})", "paths in a list file are relative to the list file's folder", line: i + 1);
            }

            paths.Add(path);
        }

        if (paths.Count == 0)
        {
            throw new DataFormatException(listPath, "the list file names no images", "write one image path per line", line: 1);
        }

        return paths;
    }
}
