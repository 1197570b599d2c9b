namespace Projector.Core.Formats.Parquet;

/// <summary>
/// A read-only view of a stream whose <see cref="ReadByte"/> throws at the end instead of returning -1.
/// Parquet.Net's Thrift reader takes -1 as the byte 0xFF, a varint that never ends: a page header or
/// footer damaged so that it runs past the end would spin forever rather than fail.
/// </summary>
internal sealed class EndStrictStream(Stream inner, bool leaveOpen) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int ReadByte()
    {
        var b = inner.ReadByte();
        return b >= 0 ? b : throw new EndOfStreamException("the data ends inside a Thrift structure");
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
