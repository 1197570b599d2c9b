using System.IO.Hashing;

namespace Projector.Core.Formats.Npz;

/// <summary>
/// Reads a zip member and keeps the CRC-32 of what it read, so a damaged member is refused as Python's
/// zipfile refuses it instead of loading as different numbers (the BCL's zip reader does not check it).
/// A member that inflates to more than the archive declares is refused as soon as it does, so a lying
/// size cannot make the reader inflate without end.
/// </summary>
/// <param name="inner">The member's decompressed stream.</param>
/// <param name="declared">The member's uncompressed size as the archive records it.</param>
/// <param name="where">The member, for errors.</param>
internal sealed class Crc32Stream(Stream inner, long declared, string where) : Stream
{
    private readonly Crc32 _crc = new();
    private long _read;

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
        // One byte more than declared is enough to know the member lies; never ask for more.
        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, declared + 1 - _read)]);
        _read += n;
        if (_read > declared)
        {
            throw new DataFormatException(where, $"is damaged: it inflates to more than the {declared} bytes the archive records for it", "Copy or save the file again");
        }

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
