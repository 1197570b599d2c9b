namespace Projector.Core.Formats.Text;

/// <summary>
/// Reads a UTF-8 text file line by line as byte spans over one reusable buffer: no string per line,
/// so text formats parse at memory speed. Skips a UTF-8 BOM and strips a CR before each LF.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private const int InitialBuffer = 1 << 20;
    private readonly Stream _stream;
    private readonly ReadOptions _options;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _start;
    private int _end;
    private long _consumed;
    private bool _eof;
    private bool _first = true;

    public Utf8LineReader(string path, ReadOptions? options = null)
    {
        Path = path;
        _options = options ?? ReadOptions.Default;
        _stream = FileOpen.Read(path);
        Length = _stream.Length;
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>The file's size in bytes.</summary>
    public long Length { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Byte offset of the start of the line last returned.</summary>
    public long LineOffset { get; private set; }

    /// <summary>Returns the next line without its line end; false at the end of the file.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0 || (_eof && span.Length > 0))
            {
                var len = nl >= 0 ? nl : span.Length;
                line = span[..len];
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                LineOffset = _consumed;
                var advance = nl >= 0 ? nl + 1 : len;
                _start += advance;
                _consumed += advance;
                LineNumber++;
                if (_first)
                {
                    _first = false;
                    if (line.StartsWith("\uFEFF"u8))
                    {
                        line = line[3..];
                    }
                }

                return true;
            }

            if (_eof)
            {
                line = default;
                return false;
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private void Fill()
    {
        _options.CancellationToken.ThrowIfCancellationRequested();
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // One line longer than the buffer: grow, since a line must be seen whole.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (IOException e)
        {
            throw new DataFormatException(Path, $"cannot be read: {e.Message}", "Check the file and the disk", byteOffset: _consumed + (_end - _start), inner: e);
        }

        _end += read;
        _eof = read == 0;
        _options.Progress?.Report(new ReadProgress(_stream.Position, Length));
    }
}
