namespace Projector.Core.Imaging;

/// <summary>
/// Names a file's content by its first bytes, so an error can say what a file is when it is not an image
/// this project reads, or which kind of image has a damaged header.
/// </summary>
internal static class ImageSignature
{
    /// <summary>How many leading bytes are read to recognise a file: a PNG's signature and its IHDR chunk.</summary>
    public const int HeadBytes = 33;

    /// <summary>True when <paramref name="data"/> starts with the 8-byte PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> data) => data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

    /// <summary>The image format <paramref name="head"/> starts like, or null when it is none this project reads.</summary>
    public static string? KindOf(ReadOnlySpan<byte> head) => head switch
    {
        _ when IsPng(head) => "PNG",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "GIF",
        [(byte)'B', (byte)'M', ..] => "BMP",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "WebP",
        _ => null,
    };

    /// <summary>What <paramref name="head"/> looks like, with its first bytes in hexadecimal.</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return "the file is empty";
        }

        var kind = head switch
        {
            [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..] => "a TIFF image",
            [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', ..] => "a NumPy array",
            [0x89, (byte)'P', (byte)'N', ..] => "a damaged PNG signature",
            [0, 0, 1, 0, ..] => "an ICO icon",
            _ => KindOf(head) is { } known ? $"a {known} image" : "unknown content",
        };
        var shown = head[..Math.Min(8, head.Length)];
        return $"{kind}, first bytes {Convert.ToHexString(shown)}";
    }
}
