namespace Projector.Core.Formats.Arrow;

/// <summary>A read-only window [start, end) of another stream, so the IPC stream reader sees the messages of a file and nothing else.</summary>
internal sealed class ArrowSlice(Stream inner, long start, long end) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => end - start;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, Length - _position);
        if (n <= 0)
        {
            return 0;
        }

        inner.Position = start + _position;
        var got = inner.Read(buffer[..n]);
        _position += got;
        return got;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
