using System.Reflection;

namespace Projector.Core.Formats;

/// <summary>
/// Every <see cref="DataFormat"/> of the library, found by reflection so that a new format folder needs no
/// line here. Reading, writing, <c>inspect</c>, <c>convert</c>, uploads and help texts all ask this.
/// </summary>
public static class FormatRegistry
{
    private static readonly Lazy<IReadOnlyList<DataFormat>> Formats = new(Discover);

    /// <summary>Every format, in <see cref="DataFormat.DetectionOrder"/>.</summary>
    public static IReadOnlyList<DataFormat> All => Formats.Value;

    /// <summary>The formats that write.</summary>
    public static IEnumerable<DataFormat> Writers => All.Where(f => f.CanWrite);

    /// <summary>The format named <paramref name="name"/> (any case), or null.</summary>
    public static DataFormat? ByName(string name) => All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The formats that claim <paramref name="extension"/> (with the dot, any case), in detection order.</summary>
    public static IReadOnlyList<DataFormat> ForExtension(string extension)
    {
        var ext = extension.ToLowerInvariant();
        return [.. All.Where(f => f.Extensions.Contains(ext))];
    }

    /// <summary>The writing format for <paramref name="path"/>'s extension, or null when none writes it.</summary>
    public static DataFormat? WriterFor(string path) => ForExtension(Path.GetExtension(path)).FirstOrDefault(f => f.CanWrite);

    /// <summary>Every extension a reader claims, sorted, for help texts and file pickers.</summary>
    public static IReadOnlyList<string> ReadableExtensions => [.. All.SelectMany(f => f.Extensions).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every extension a writer claims, sorted.</summary>
    public static IReadOnlyList<string> WritableExtensions => [.. Writers.SelectMany(f => f.Extensions).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// The format of a file: the formats its extension claims, the first whose sniff fits the content; with
    /// no known extension, the first format the content fits.
    /// </summary>
    /// <exception cref="DataFormatException">The extension contradicts the content, or nothing fits.</exception>
    public static DataFormat Detect(string path)
    {
        var head = ContentSniffer.ReadHead(path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var claimed = ForExtension(ext);
        if (claimed.Count > 0)
        {
            return claimed.FirstOrDefault(f => f.Sniff(head, ext)) ?? throw new DataFormatException(
                path,
                $"the extension {ext} says {string.Join(" or ", claimed.Select(f => f.Description).Distinct())}, but the file is {ContentSniffer.Describe(head)}",
                "Rename the file to match its content, or convert it",
                byteOffset: 0);
        }

        return FromContent(head) ?? throw new DataFormatException(
            path,
            $"unknown extension '{ext}' and the content ({ContentSniffer.Describe(head)}) matches no known format",
            $"Use {string.Join(", ", ReadableExtensions)}");
    }

    /// <summary>The first format the content alone fits, or null.</summary>
    public static DataFormat? FromContent(ReadOnlySpan<byte> head)
    {
        var text = ContentSniffer.LooksLikeText(head);
        foreach (var f in All)
        {
            if (f.DetectableByContent && f.IsText == text && f.Sniff(head, string.Empty))
            {
                return f;
            }
        }

        return null;
    }

    private static List<DataFormat> Discover() =>
        [.. typeof(DataFormat).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DataFormat)) && !t.IsAbstract && t.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is not null)
            .Select(t => (DataFormat)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(f => f.DetectionOrder)
            .ThenBy(f => f.Name, StringComparer.Ordinal)];
}
