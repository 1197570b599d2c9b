using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Onnx;

/// <summary>
/// The one place image files are decoded and resized for a model: Core's SkiaSharp decoders (PNG, JPEG,
/// WebP, GIF, BMP; a large JPEG at a reduced DCT scale) and its resizer (mipmaps when shrinking to half
/// or less, Mitchell cubic otherwise).
/// </summary>
internal static class ImageAdapter
{
    /// <summary>The image at <paramref name="path"/> as RGBA bytes, stretched to exactly <paramref name="width"/> x <paramref name="height"/>.</summary>
    /// <exception cref="Core.DataFormatException">The file is not an image this project reads, or is damaged.</exception>
    public static RgbaImage Load(string path, int width, int height) => ImageFile.LoadResized(path, width, height);
}
