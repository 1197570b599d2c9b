using Projector.Core.Data;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Formats;

/// <summary>Writes a sprite sheet as PNG, atomically.</summary>
internal static class SpriteWriter
{
    /// <summary>Encodes the sheet's image to <paramref name="path"/>.</summary>
    public static void Write(string path, SpriteSheet sheet) => PngEncoder.Save(sheet.GetImage(), path);
}
