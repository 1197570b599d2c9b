namespace Projector.Core.Data;

/// <summary>
/// One image holding a small picture per point: tiles of <see cref="TileWidth"/> x <see cref="TileHeight"/>
/// pixels in a square grid of ceil(sqrt(N)) tiles per side, row-major, as the TF projector expects.
/// </summary>
public sealed class SpriteSheet
{
    private readonly Func<RgbaImage> _load;
    private RgbaImage? _image;

    /// <summary>A sprite sheet already decoded in memory.</summary>
    public SpriteSheet(RgbaImage image, int tileWidth, int tileHeight)
        : this(image?.Width ?? 0, image?.Height ?? 0, tileWidth, tileHeight, null, () => image!)
    {
        ArgumentNullException.ThrowIfNull(image);
        _image = image;
    }

    /// <summary>A sprite sheet decoded on first use by <paramref name="load"/>.</summary>
    public SpriteSheet(int width, int height, int tileWidth, int tileHeight, string? sourcePath, Func<RgbaImage> load)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileHeight);
        ArgumentNullException.ThrowIfNull(load);
        Width = width;
        Height = height;
        TileWidth = tileWidth;
        TileHeight = tileHeight;
        SourcePath = sourcePath;
        _load = load;
    }

    /// <summary>Sheet width in pixels.</summary>
    public int Width { get; }

    /// <summary>Sheet height in pixels.</summary>
    public int Height { get; }

    /// <summary>Tile width in pixels (single_image_dim[0]).</summary>
    public int TileWidth { get; }

    /// <summary>Tile height in pixels (single_image_dim[1]).</summary>
    public int TileHeight { get; }

    /// <summary>The image file the sheet came from, if any.</summary>
    public string? SourcePath { get; }

    /// <summary>Tiles per row of the grid the sheet's width holds.</summary>
    public int Columns => Width / TileWidth;

    /// <summary>How many tiles the sheet's grid can hold.</summary>
    public long Capacity => (long)(Width / TileWidth) * (Height / TileHeight);

    /// <summary>Tiles per side of the square grid the TF projector uses for <paramref name="points"/> points.</summary>
    public static int GridSide(long points) => points <= 0 ? 0 : (int)Math.Ceiling(Math.Sqrt(points));

    /// <summary>The decoded image (decoded once, on first call).</summary>
    public RgbaImage GetImage() => _image ??= _load();
}
