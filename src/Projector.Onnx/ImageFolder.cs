using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Onnx;

/// <summary>
/// The image files (PNG, JPEG, WebP, GIF, BMP) of a folder, one point each: files in a subfolder take its name as their label
/// (<c>cats/1.png</c> is labelled <c>cats</c>, however deep below it the file is), files at the top have none.
/// Ordered by label, then by path, ordinal, so the rows come out the same on every machine.
/// </summary>
public sealed class ImageFolder
{
    private ImageFolder(string root, IReadOnlyList<string> files, IReadOnlyList<string?> labels)
    {
        Root = root;
        Files = files;
        Labels = labels;
    }

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>The image files, full paths, in row order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The label of each file (its top subfolder), null for files at the top.</summary>
    public IReadOnlyList<string?> Labels { get; }

    /// <summary>Whether <paramref name="folder"/> holds at least one image file at any depth.</summary>
    public static bool HasImages(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any(ImageFile.HasImageExtension);

    /// <summary>Lists the images of <paramref name="folder"/>.</summary>
    /// <exception cref="DataFormatException">The folder cannot be read or holds no image.</exception>
    public static ImageFolder Scan(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var root = System.IO.Path.GetFullPath(folder);
        List<(string Path, string? Label)> found;
        try
        {
            found = [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(ImageFile.HasImageExtension)
                .Select(p => (Path: p, Label: LabelOf(root, p)))
                .OrderBy(x => x.Label ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(x => x.Path, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(folder, "cannot list the folder: " + e.Message, "Check the folder exists and is readable", inner: e);
        }

        if (found.Count == 0)
        {
            throw new DataFormatException(folder, "holds no image (PNG, JPEG, WebP, GIF or BMP)", "Give a folder of images (one subfolder per label), or a file of vectors");
        }

        return new ImageFolder(root, [.. found.Select(x => x.Path)], [.. found.Select(x => x.Label)]);
    }

    /// <summary>The metadata: <c>label</c> (when any file is in a subfolder) and <c>file</c> (the file name).</summary>
    public MetadataTable Metadata()
    {
        var columns = new List<MetadataColumn>();
        if (Labels.Any(l => l is not null))
        {
            columns.Add(new MetadataColumn("label", [.. Labels]));
        }

        columns.Add(new MetadataColumn("file", [.. Files.Select(System.IO.Path.GetFileName)]));
        return new MetadataTable(Files.Count, columns);
    }

    private static string? LabelOf(string root, string path)
    {
        var relative = System.IO.Path.GetRelativePath(root, path);
        var cut = relative.IndexOfAny([System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar]);
        return cut > 0 ? relative[..cut] : null;
    }
}
