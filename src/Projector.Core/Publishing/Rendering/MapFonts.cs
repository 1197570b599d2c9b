using System.Globalization;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Projector.Core.Publishing.Rendering;

/// <summary>
/// The typefaces a picture's text is drawn with, in fallback order: each character takes the first face
/// that has it. The shipped set (<see cref="Shipped"/>) is read from the <c>fonts</c> folder beside the
/// assembly, never from the machine, so a picture is the same wherever it is drawn.
/// </summary>
internal sealed class MapFonts : IDisposable
{
    /// <summary>The shipped font files, in fallback order: Latin, Greek, Cyrillic, Arabic, Hebrew; Hangul and Hanja; Chinese.</summary>
    public static readonly IReadOnlyList<string> Files = ["DejaVuSans.ttf", "NotoSansKR_400Regular.ttf", "NotoSansSC_400Regular.ttf"];

    /// <summary>The family names the shipped files hold, in the same order (the SVG's font-family list).</summary>
    public static readonly IReadOnlyList<string> Families = ["DejaVu Sans", "Noto Sans KR", "Noto Sans SC"];

    private static readonly Lazy<MapFonts> ShippedSet = new(LoadShipped);

    private readonly SKTypeface[] _faces;
    private readonly SKShaper?[] _shapers;
    private readonly bool _owned;

    private MapFonts(SKTypeface[] faces, bool owned)
    {
        _faces = faces;
        _shapers = new SKShaper?[_faces.Length];
        _owned = owned;
    }

    /// <summary>The fonts shipped with the renderer, loaded once (memory-mapped) and shared.</summary>
    /// <exception cref="FileNotFoundException">A shipped font is missing beside the assembly.</exception>
    public static MapFonts Shipped => ShippedSet.Value;

    /// <summary>The folder the shipped fonts are read from.</summary>
    public static string Folder
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "fonts");
            if (File.Exists(Path.Combine(beside, Files[0])))
            {
                return beside;
            }

            var assembly = Path.GetDirectoryName(typeof(MapFonts).Assembly.Location);
            return string.IsNullOrEmpty(assembly) ? beside : Path.Combine(assembly, "fonts");
        }
    }

    /// <summary>How many faces the set has.</summary>
    public int Count => _faces.Length;

    /// <summary>The face at <paramref name="index"/> in fallback order.</summary>
    public SKTypeface this[int index] => _faces[index];

    /// <summary>
    /// A set whose faces hold only the characters of <paramref name="used"/> (one set of code points per face,
    /// as <see cref="TextShaper.CodePointsByFace"/> collects them); faces nothing uses stay as they are, and
    /// documents embed only what is drawn.
    /// </summary>
    public MapFonts Subset(IReadOnlyList<IReadOnlySet<int>> used)
    {
        ArgumentNullException.ThrowIfNull(used);
        var subset = new SKTypeface[_faces.Length];
        for (var i = 0; i < _faces.Length; i++)
        {
            subset[i] = i < used.Count && used[i].Count > 0 ? FontSubsetter.Subset(_faces[i], used[i]) : _faces[i];
        }

        return new MapFonts(subset, owned: true);
    }

    /// <summary>Shapes <paramref name="buffer"/> with face <paramref name="index"/> at the size of <paramref name="font"/>.</summary>
    public SKShaper.Result Shape(int index, HarfBuzzSharp.Buffer buffer, SKFont font)
    {
        // A shaper copies its font's bytes when made, and it rescales its font on every call: one per
        // face, made on first use, used by one thread at a time.
        var shaper = _shapers[index];
        if (shaper is null)
        {
            lock (_shapers)
            {
                shaper = _shapers[index] ??= new SKShaper(_faces[index]);
            }
        }

        lock (shaper)
        {
            return shaper.Shape(buffer, font);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var s in _shapers)
        {
            s?.Dispose();
        }

        if (_owned)
        {
            for (var i = 0; i < _faces.Length; i++)
            {
                if (!ReferenceEquals(_faces[i], Shipped._faces[i]))
                {
                    _faces[i].Dispose();
                }
            }
        }
    }

    private static MapFonts LoadShipped()
    {
        var folder = Folder;
        var faces = new SKTypeface[Files.Count];
        for (var i = 0; i < faces.Length; i++)
        {
            var path = Path.Combine(folder, Files[i]);
            faces[i] = (File.Exists(path) ? SKTypeface.FromFile(path) : null)
                ?? throw new FileNotFoundException(string.Create(CultureInfo.InvariantCulture, $"The font {Files[i]} that pictures are drawn with is missing or unreadable in {folder}; rebuild the program (the build fetches it with npm into fonts/)."), path);
        }

        return new MapFonts(faces, owned: false);
    }
}
