namespace Projector.Core.Imaging;

/// <summary>File and stream reading for the image codecs, turning IO failures into <see cref="DataFormatException"/>.</summary>
internal static class ImageIO
{
    private const string Hint = "check the path exists and is readable";

    /// <summary>All bytes of the file at <paramref name="path"/>.</summary>
    public static byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new DataFormatException(path, "cannot read the file: " + e.Message, Hint, byteOffset: 0, inner: e);
        }
    }

    /// <summary>The rest of <paramref name="stream"/>.</summary>
    public static byte[] ReadAll(Stream stream, string name)
    {
        try
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            throw new DataFormatException(name, "cannot read the stream: " + e.Message, null, byteOffset: 0, inner: e);
        }
    }

    /// <summary>At most the first <paramref name="count"/> bytes of the file at <paramref name="path"/>.</summary>
    public static byte[] ReadHead(string path, int count)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
            var buffer = new byte[count];
            var n = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
            return n == count ? buffer : buffer[..n];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new DataFormatException(path, "cannot read the file: " + e.Message, Hint, byteOffset: 0, inner: e);
        }
    }
}
