namespace Projector.Core.Formats.Io;

/// <summary>Opening inputs and turning every failure while reading one into a <see cref="DataFormatException"/>.</summary>
internal static class InputFile
{
    /// <summary>Buffer size for sequential reads; large buffers matter for multi-gigabyte text inputs.</summary>
    public const int BufferSize = 1 << 20;

    /// <summary>Opens <paramref name="path"/> read-only, letting others read it too; refuses an empty file.</summary>
    public static FileStream OpenRead(string path) => FileOpen.Read(path, bufferSize: BufferSize);

    /// <summary>
    /// Runs a read and wraps whatever else goes wrong, so callers only ever see <see cref="DataFormatException"/>
    /// (or <see cref="OperationCanceledException"/> when the user cancelled, which is not bad input).
    /// </summary>
    public static T Guard<T>(string path, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not DataFormatException and not OperationCanceledException)
        {
            var problem = ex is IOException or UnauthorizedAccessException
                ? $"reading failed ({LibraryMessage.Of(ex)})"
                : $"could not be read ({ex.GetType().Name}: {LibraryMessage.Of(ex)})";
            throw new DataFormatException(path, problem, "Check that the file is complete and in the expected format", inner: ex);
        }
    }

    /// <summary>Reports progress and honours cancellation; cheap enough to call every chunk.</summary>
    public static void Step(ReadOptions options, long done, long total)
    {
        options.CancellationToken.ThrowIfCancellationRequested();
        options.Progress?.Report(new ReadProgress(done, total));
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
