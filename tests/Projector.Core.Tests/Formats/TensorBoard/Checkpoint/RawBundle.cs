using System.Buffers.Binary;
using System.Text;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Tests.Formats.TensorBoard.Checkpoint;

/// <summary>Builds checkpoint entries by hand: any dtype, any shape, slices.</summary>
internal static class RawBundle
{
    public static BundleItem Tensor(string name, DataType dtype, long[] shape, byte[] data) =>
        Tensor(Encoding.UTF8.GetBytes(name), dtype, shape, data);

    public static BundleItem Tensor(byte[] key, DataType dtype, long[] shape, byte[] data) =>
        new(key, new BundleEntryProto { Dtype = dtype, Shape = CheckpointWriter.Shape(shape) }, sink => sink(data));

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    /// <summary>A slice spec: one (start, length) per dimension, null length for "all of it".</summary>
    public static TensorSliceProto Slice(params (long Start, long? Length)[] extents)
    {
        var slice = new TensorSliceProto();
        foreach (var (start, length) in extents)
        {
            var e = new TensorSliceProto.Types.Extent { Start = start };
            if (length is { } l)
            {
                e.Length = l;
            }

            slice.Extent.Add(e);
        }

        return slice;
    }
}
