namespace Projector.Core.Formats.Io;

/// <summary>
/// Splits a stream into lines of raw UTF-8 bytes without decoding them (no string per line), so numbers
/// can be parsed straight from the buffer at memory speed. Skips a UTF-8 byte order mark, accepts LF and
/// CRLF, and counts 1-based lines. Every text reader (TSV, metadata, word2vec, GloVe, CSV) reads through it.
/// </summary>
internal sealed class ByteLineReader
{
    // Real vector lines are kilobytes; a line this long means binary data, and doubling further would cost
    // more memory than the file itself.
    private const int MaxLineBytes = 1 << 28;

    private readonly Stream _stream;
    private readonly string _path;
    private readonly ReadOptions _options;
    private byte[] _buffer = new byte[InputFile.BufferSize];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _started;
    private long _consumed;

    /// <summary>
    /// Reads lines from <paramref name="stream"/> (owned by the caller) of the file <paramref name="path"/>;
    /// <paramref name="options"/> give the cancellation checked and the progress reported at every refill.
    /// </summary>
    /// <remarks>A stream opened mid-file (<paramref name="atLineStart"/>) starts at a line, not at a byte order mark to skip.</remarks>
    public ByteLineReader(Stream stream, string path, ReadOptions? options = null, bool atLineStart = false)
    {
        _started = atLineStart;
        _stream = stream;
        _path = path;
        _options = options ?? ReadOptions.Default;
    }

    /// <summary>The 1-based number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes handed out so far, for progress.</summary>
    public long Position => _consumed;

    /// <summary>The next line without its line ending; false at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var at = scanFrom + newline;
                line = TrimCr(_buffer.AsSpan(_start, at - _start));
                _consumed += at + 1 - _start;
                _start = at + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    line = TrimCr(_buffer.AsSpan(_start, _end - _start));
                    _consumed += _end - _start;
                    _start = _end;
                    LineNumber++;
                    return true;
                }

                line = default;
                return false;
            }

            scanFrom = _end - _start;
            Fill();
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    private void Fill()
    {
        // Keep the unfinished line, making room for more; a line longer than the buffer doubles it.
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            if (pending >= MaxLineBytes)
            {
                throw new DataFormatException(_path, $"the line is longer than {MaxLineBytes} bytes", "This does not look like a text file of vectors", line: LineNumber + 1);
            }

            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }

        _start = 0;
        _end = pending;
        _options.CancellationToken.ThrowIfCancellationRequested();
        int n;
        try
        {
            n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (IOException e)
        {
            throw new DataFormatException(_path, $"cannot be read: {e.Message}", "Check the file and the disk", byteOffset: _consumed + pending, inner: e);
        }

        if (_options.Progress is { } progress && _stream.CanSeek)
        {
            progress.Report(new ReadProgress(_stream.Position, _stream.Length));
        }

        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
        if (!_started && _end >= 3)
        {
            _started = true;
            if (_buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
            {
                _start = 3;
                _consumed = 3;
            }
        }
        else if (_eof)
        {
            _started = true;
        }
    }
}
