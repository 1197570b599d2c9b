using Projector.Core.Data;

namespace Projector.Core.Formats;

/// <summary>Writes a sprite sheet as PNG.</summary>
internal static class SpriteWriter
{
    /// <summary>MERGE: encode through the PNG encoder.</summary>
    public static void Write(string path, SpriteSheet sheet) => throw new NotSupportedException(path + sheet.Width);
}
