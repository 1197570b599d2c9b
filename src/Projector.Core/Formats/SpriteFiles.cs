using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Core.Formats;

/// <summary>Loads the sprite sheet a config names, checking that its grid can hold every point.</summary>
internal static class SpriteFiles
{
    /// <summary>
    /// The sprite sheet for <paramref name="points"/> points, decoded lazily; null with a warning when
    /// the image file is missing. A sheet whose grid cannot hold the points is an error.
    /// </summary>
    public static SpriteSheet? Load(string configPath, string folder, string imagePath, IReadOnlyList<int> singleImageDim, int points, ICollection<string> warnings, string? root = null)
    {
        var file = ConfigPath.Resolve(folder, imagePath, root, configPath);
        if (file is null)
        {
            warnings.Add($"sprite image '{imagePath}' not found; points are shown without images");
            return null;
        }

        if (singleImageDim is not [> 0 and var w, > 0 and var h])
        {
            throw new DataFormatException(configPath, $"sprite '{imagePath}' needs single_image_dim [width, height]", "Add the tile size to the config");
        }

        var (width, height) = ImageFile.ReadSize(file);
        var sheet = new SpriteSheet(width, height, w, h, file, () => ImageFile.Load(file));
        var side = SpriteSheet.GridSide(points);
        if (sheet.Capacity < points)
        {
            throw new DataFormatException(
                file,
                $"a {width}x{height} sprite with {w}x{h} tiles holds {sheet.Capacity} images, fewer than the {points} points",
                $"Rebuild the sprite ({side}x{side} tiles of {w}x{h}, i.e. {(long)side * w}x{(long)side * h} px) with `projector sprite`, or fix single_image_dim");
        }

        if (width > 8192 || height > 8192)
        {
            warnings.Add($"sprite is {width}x{height} px; browsers and the TF projector refuse sprites over 8192x8192");
        }

        return sheet;
    }
}
