namespace Projector.Core.Data;

/// <summary>
/// A binary column of a columnar file that holds one image per point, kept out of the text metadata so
/// that it can become the sprite sheet.
/// </summary>
/// <param name="Name">The column's name in the file.</param>
/// <param name="Images">One encoded image (PNG, JPEG, ...) per row; null where the row has none.</param>
internal sealed record ImageColumn(string Name, byte[]?[] Images)
{
    private static readonly string[] ImageNames = ["image", "images", "img", "thumbnail", "thumb", "png", "jpeg", "jpg", "picture", "sprite", "photo"];

    /// <summary>True when the name says image (<c>image</c>, <c>img_bytes</c>, <c>thumbnail</c>, ...) or the bytes start with PNG, JPEG, GIF or WebP magic.</summary>
    public static bool Looks(string name, ReadOnlySpan<byte> firstValue)
    {
        var lower = name.ToLowerInvariant();
        foreach (var word in lower.Split(['_', '.', '-', ' ', '/']))
        {
            if (ImageNames.Contains(word))
            {
                return true;
            }
        }

        return firstValue.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
            || firstValue.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
            || firstValue.StartsWith("GIF8"u8)
            || (firstValue.StartsWith("RIFF"u8) && firstValue.Length >= 12 && firstValue[8..12].SequenceEqual("WEBP"u8));
    }

    /// <summary>The warning that tells the user where the images went.</summary>
    public string Note => $"column '{Name}' holds images; it is kept for the sprite, not as metadata";
}
