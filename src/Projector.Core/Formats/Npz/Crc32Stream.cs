using System.IO.Hashing;

namespace Projector.Core.Formats.Npz;

/// <summary>
/// Reads a zip member and keeps the CRC-32 of what it read, so a damaged member is refused as Python's
/// zipfile refuses it instead of loading as different numbers (the BCL's zip reader does not check it).
/// </summary>
internal sealed class Crc32Stream(Stream inner) : Stream
{
    private readonly Crc32 _crc = new();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    /// <summary>The CRC-32 of every byte read so far.</summary>
    public uint Value => _crc.GetCurrentHashAsUInt32();

    /// <summary>Reads what is left, so <see cref="Value"/> covers the whole member.</summary>
    public void Drain()
    {
        var buffer = new byte[1 << 16];
        while (Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _crc.Append(buffer[..n]);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
