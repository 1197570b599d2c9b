using System.Text;
using Google.Protobuf;

namespace Projector.Core.Formats.TensorBoard.Pbtxt;

/// <summary>
/// Protobuf text format (<c>.pbtxt</c>, the <c>checkpoint</c> file) for any generated message: the reader
/// and writer TensorBoard's projector files need, which the C# protobuf runtime does not have.
/// </summary>
internal static class TextFormat
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Parses protobuf text format into a new <typeparamref name="T"/>.</summary>
    /// <param name="text">The text; empty or comments only gives an empty message.</param>
    /// <param name="sourceName">The file name errors give.</param>
    /// <exception cref="DataFormatException">The text is not valid text format for <typeparamref name="T"/>.</exception>
    public static T Parse<T>(string text, string sourceName)
        where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var message = new T();
        new TextParser(new TextTokenizer(text, sourceName)).ParseRoot(message);
        return message;
    }

    /// <summary>Parses the UTF-8 file <paramref name="path"/> (BOM and CRLF line ends allowed) into a new <typeparamref name="T"/>.</summary>
    /// <exception cref="DataFormatException">The file is missing, not UTF-8 or not valid text format; the message names <paramref name="path"/>.</exception>
    public static T ParseFile<T>(string path)
        where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        using (var stream = FileOpen.Read(path, allowEmpty: true))
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        ReadOnlySpan<byte> content = bytes;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            var line = e.Index >= 0 && e.Index <= content.Length ? content[..e.Index].Count((byte)'\n') + 1 : (long?)null;
            throw new DataFormatException(path, "is not UTF-8 text", "Save the file as UTF-8", line, inner: e);
        }

        return Parse<T>(text, path);
    }

    /// <summary>
    /// <paramref name="message"/> in text format as TensorFlow writes it: <c>field: value</c> lines in field
    /// number order, nested messages as <c>name {</c> … <c>}</c> indented by two spaces, strings double-quoted
    /// with C escapes, one line per repeated value, unset and default values left out.
    /// </summary>
    public static string Format(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TextFormatWriter.Format(message);
    }

    /// <summary>Writes <see cref="Format"/> of <paramref name="message"/> to <paramref name="path"/> (UTF-8, no BOM) through <see cref="AtomicFile"/>.</summary>
    public static void WriteFile(string path, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.WriteText(path, Format(message));
    }
}
