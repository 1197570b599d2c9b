using Projector.Core.Data;

namespace Projector.Core.Imaging;

/// <summary>
/// Reads PNG, JPEG, WebP, GIF (first frame) and BMP images, recognised by their content rather than their
/// name. Every problem with a file is a <see cref="DataFormatException"/> that names it.
/// </summary>
public static class ImageFile
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"];

    /// <summary>Decodes the image file at <paramref name="path"/>.</summary>
    public static RgbaImage Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(ImageIO.ReadAll(path), path);
    }

    /// <summary>Decodes image bytes; <paramref name="displayName"/> names them in errors.</summary>
    public static RgbaImage Load(byte[] data, string displayName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(displayName);
        return ImageDecoder.Decode(data, displayName);
    }

    /// <summary>
    /// The image file at <paramref name="path"/> scaled to fit a <paramref name="width"/> x <paramref name="height"/>
    /// tile, aspect kept and centred on a transparent margin; a large JPEG is decoded at a reduced scale first.
    /// </summary>
    internal static RgbaImage LoadFitted(string path, int width, int height) =>
        ImageResizer.FitInto(ImageDecoder.Decode(ImageIO.ReadAll(path), path, (w, h) => Math.Min((double)width / w, (double)height / h)), width, height);

    /// <summary>
    /// The image file at <paramref name="path"/> stretched to exactly <paramref name="width"/> x <paramref name="height"/>;
    /// a large JPEG is decoded at a reduced scale first.
    /// </summary>
    internal static RgbaImage LoadResized(string path, int width, int height) =>
        ImageResizer.Resize(ImageDecoder.Decode(ImageIO.ReadAll(path), path, (w, h) => Math.Max((double)width / w, (double)height / h)), width, height);

    /// <summary>Reads the width and height of the image file at <paramref name="path"/> from its header, without decoding pixels.</summary>
    public static ImageSize ReadSize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ImageDecoder.ReadSize(path);
    }

    /// <summary>Whether <paramref name="path"/> has the extension of an image this class reads (.png, .jpg, .jpeg, .webp, .gif, .bmp).</summary>
    public static bool HasImageExtension(string path)
    {
        var ext = Path.GetExtension(path);
        return Array.Exists(Extensions, e => e.Equals(ext, StringComparison.OrdinalIgnoreCase));
    }
}
