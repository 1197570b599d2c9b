namespace Projector.Core.Imaging;

/// <summary>Temporary.</summary>
public static class ImageFile
{
    /// <summary>Temporary.</summary>
    public static (int Width, int Height) ReadSize(string path) => throw new NotSupportedException(path);

    /// <summary>Temporary.</summary>
    public static RgbaImage Load(string path) => throw new NotSupportedException(path);
}
