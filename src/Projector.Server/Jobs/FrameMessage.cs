using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Projector.Core.Projections;

namespace Projector.Server.Jobs;

/// <summary>
/// The binary frame of the WebSocket: <c>PRJF</c>, iteration, total iterations, N, dims (uint32),
/// cost (float32, NaN when not computed), then N x dims float32, all little-endian, so the page reads
/// the positions with <c>new Float32Array(buf, 24)</c> without a copy.
/// </summary>
internal static class FrameMessage
{
    public const int HeaderBytes = 24;

    public static byte[] Encode(ProjectionFrame frame)
    {
        var positions = MemoryMarshal.AsBytes(frame.Positions.AsSpan(0, frame.Points * frame.Dimensions));
        var bytes = new byte[HeaderBytes + positions.Length];
        "PRJF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)frame.Iteration);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)frame.TotalIterations);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), (uint)frame.Points);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)frame.Dimensions);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(20), frame.Cost is { } c ? (float)c : float.NaN);
        if (BitConverter.IsLittleEndian)
        {
            positions.CopyTo(bytes.AsSpan(HeaderBytes));
        }
        else
        {
            for (var i = 0; i < frame.Positions.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(HeaderBytes + (i * 4)), frame.Positions[i]);
            }
        }

        return bytes;
    }
}
