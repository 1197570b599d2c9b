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
            throw CannotRead(path, e);
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

    /// <summary>The file at <paramref name="path"/>, open for reading (the caller disposes it).</summary>
    public static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw CannotRead(path, e);
        }
    }

    /// <summary>At most the next <paramref name="count"/> bytes of <paramref name="stream"/>.</summary>
    public static byte[] ReadHead(Stream stream, int count, string path)
    {
        try
        {
            var buffer = new byte[count];
            var n = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
            return n == count ? buffer : buffer[..n];
        }
        catch (IOException e)
        {
            throw CannotRead(path, e);
        }
    }

    private static DataFormatException CannotRead(string path, Exception e) =>
        new(path, "cannot read the file: " + e.Message, Hint, byteOffset: 0, inner: e);
}
