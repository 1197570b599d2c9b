// Skia's PDF backend as SkiaSharp builds it does not subset fonts: a PDF with three labels in Latin,
// Hangul and Chinese embedded the whole of each face and weighed 9.7 MB. HarfBuzz's subsetter is
// compiled into the libHarfBuzzSharp that SkiaSharp.HarfBuzz loads, but HarfBuzzSharp has no managed
// binding for it, so the few entry points needed are declared here. A subset keeps its faces' layout
// tables for the kept characters, so text shaped with it is placed exactly as with the whole face.
using System.Runtime.InteropServices;
using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Projector.Core.Publishing.Rendering;

/// <summary>Cuts a typeface down to the characters a document draws.</summary>
internal static partial class FontSubsetter
{
    private const string Library = "libHarfBuzzSharp";

    // Outlines only: hinting instructions are of no use to a PDF reader that scales glyphs freely.
    private const uint NoHinting = 0x1;

    /// <summary>A typeface holding only <paramref name="codePoints"/> of <paramref name="face"/> (and the glyphs they shape into).</summary>
    /// <exception cref="InvalidOperationException">HarfBuzz could not subset the face.</exception>
    public static SKTypeface Subset(SKTypeface face, IReadOnlySet<int> codePoints)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(codePoints);
        using var stream = face.OpenStream(out var index);
        using var blob = stream.ToHarfBuzzBlob();
        using var hbFace = new Face(blob, index);
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
        {
            throw new InvalidOperationException("HarfBuzz could not start a font subset (out of memory).");
        }

        try
        {
            hb_subset_input_set_flags(input, NoHinting);
            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var c in codePoints.Order())
            {
                hb_set_add(unicodes, (uint)c);
            }

            var subset = hb_subset_or_fail(hbFace.Handle, input);
            if (subset == IntPtr.Zero)
            {
                throw new InvalidOperationException($"HarfBuzz could not subset the font {face.FamilyName}.");
            }

            try
            {
                var bytes = hb_face_reference_blob(subset);
                try
                {
                    var data = hb_blob_get_data(bytes, out var length);
                    using var copy = SKData.CreateCopy(data, length);
                    return SKTypeface.FromData(copy)
                        ?? throw new InvalidOperationException($"Skia could not read the subset of the font {face.FamilyName}.");
                }
                finally
                {
                    hb_blob_destroy(bytes);
                }
            }
            finally
            {
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    private static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Library)]
    private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);

    [LibraryImport(Library)]
    private static partial void hb_set_add(IntPtr set, uint codepoint);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Library)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(Library)]
    private static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(Library)]
    private static partial void hb_face_destroy(IntPtr face);
}
