namespace Projector.Core.Data;

/// <summary>An 8-bit RGBA image in memory, rows top to bottom, 4 bytes per pixel.</summary>
public sealed class RgbaImage
{
    /// <summary>Creates a transparent black image.</summary>
    public RgbaImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked((long)width * height * 4)];
    }

    /// <summary>Wraps existing RGBA bytes (length must be width x height x 4).</summary>
    public RgbaImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * 4)
        {
            throw new ArgumentException($"Expected {(long)width * height * 4} bytes for {width}x{height} RGBA, got {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The RGBA bytes, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>The 4 bytes of the pixel at (x, y).</summary>
    public Span<byte> Pixel(int x, int y) => Pixels.AsSpan(((y * Width) + x) * 4, 4);
}
