using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// Writes float32 matrices as a TensorFlow V2 checkpoint that TensorFlow itself can restore, the way
/// <c>BundleWriter</c> (<c>tensor_bundle.cc</c>) does: one data shard with the tensors back to back in
/// key order (TensorFlow's default alignment of 1 byte, so no padding), then the LevelDB index.
/// Hand-written: no NuGet package writes TensorFlow checkpoints.
/// </summary>
internal static class CheckpointWriter
{
    /// <summary>Writes <c>PREFIX.data-00000-of-00001</c> and then <c>PREFIX.index</c>, each atomically.</summary>
    /// <param name="prefix">The checkpoint prefix, e.g. <c>dir/model.ckpt-1</c>.</param>
    /// <param name="tensors">Tensor names (unique, e.g. <c>embedding</c>) and their values, written as 2-D float32 tensors.</param>
    /// <param name="cancellationToken">Stops the write; the files are then left as they were.</param>
    public static void Write(string prefix, IReadOnlyList<KeyValuePair<string, EmbeddingMatrix>> tensors, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(tensors);
        var items = new List<BundleItem>(tensors.Count);
        foreach (var (name, matrix) in tensors)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(tensors));
            if (name[0] == '\0')
            {
                // Keys starting with a NUL byte are where TensorFlow keeps the slices of partitioned variables.
                throw new ArgumentException("A tensor name cannot start with a NUL character.", nameof(tensors));
            }

            ArgumentNullException.ThrowIfNull(matrix, nameof(tensors));
            items.Add(Matrix(name, matrix, cancellationToken));
        }

        WriteItems(prefix, items, cancellationToken: cancellationToken);
    }

    /// <summary>The entry of a 2-D float32 tensor holding <paramref name="matrix"/>.</summary>
    internal static BundleItem Matrix(string key, EmbeddingMatrix matrix, CancellationToken cancellationToken = default) =>
        new(Encoding.UTF8.GetBytes(key), new BundleEntryProto { Dtype = DataType.DtFloat, Shape = Shape(matrix.Rows, matrix.Dimensions) }, sink => WriteRows(matrix, sink, cancellationToken));

    /// <summary>
    /// The entry of a <c>DT_STRING</c> tensor of <paramref name="shape"/> holding <paramref name="values"/>
    /// (row-major), such as the scalar object graph of a TF2 checkpoint.
    /// </summary>
    internal static BundleItem Strings(string key, long[] shape, IReadOnlyList<byte[]> values)
    {
        var (bytes, crc) = StringTensor.Encode(values);
        return new(Encoding.UTF8.GetBytes(key), new BundleEntryProto { Dtype = DataType.DtString, Shape = Shape(shape) }, sink => sink(bytes), crc);
    }

    /// <summary>Writes arbitrary entries (any dtype, slices, raw keys); for tests and for tools that build bundles by hand.</summary>
    /// <param name="prefix">The checkpoint prefix.</param>
    /// <param name="items">The entries; keys must be unique and not empty.</param>
    /// <param name="blockSize">The index's data block size; small values make many blocks.</param>
    /// <param name="snappy">Compress the index blocks with snappy.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    internal static void WriteItems(string prefix, IReadOnlyList<BundleItem> items, int blockSize = TableWriter.DefaultBlockSize, bool snappy = false, CancellationToken cancellationToken = default)
    {
        var sorted = items.OrderBy(i => i.Key, ByteOrder.Instance).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Key.Length == 0 || (i > 0 && sorted[i].Key.AsSpan().SequenceEqual(sorted[i - 1].Key)))
            {
                throw new ArgumentException($"Tensor names must be unique and not empty: '{Encoding.UTF8.GetString(sorted[i].Key)}'.", nameof(items));
            }
        }

        AtomicFile.Write(CheckpointPrefix.ShardPath(prefix, 0, 1), stream =>
        {
            long offset = 0;
            foreach (var item in sorted.Where(i => i.WriteData is not null))
            {
                var crc = new Crc32(Crc32ParameterSet.Crc32C);
                long size = 0;
                item.WriteData!(chunk =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    stream.Write(chunk);
                    crc.Append(chunk);
                    size += chunk.Length;
                });
                item.Entry.ShardId = 0;
                item.Entry.Offset = offset;
                item.Entry.Size = size;
                item.Entry.Crc32C = Crc32C.Mask(item.Crc32C ?? crc.GetCurrentHashAsUInt32());
                offset += size;
            }
        });

        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Write(prefix + ".index", stream =>
        {
            var table = new TableWriter(stream, blockSize, snappy);
            var header = new BundleHeaderProto
            {
                NumShards = 1,
                Endianness = BundleHeaderProto.Types.Endianness.Little,
                Version = new VersionDef { Producer = 1 },
            };
            table.Add([], header.ToByteArray());
            foreach (var item in sorted)
            {
                table.Add(item.Key, item.Entry.ToByteArray());
            }

            table.Finish();
        });
    }

    /// <summary>A shape proto with the given dimension sizes.</summary>
    internal static TensorShapeProto Shape(params long[] sizes)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(sizes.Select(s => new TensorShapeProto.Types.Dim { Size = s }));
        return shape;
    }

    private static void WriteRows(EmbeddingMatrix matrix, ChunkSink sink, CancellationToken cancellationToken)
    {
        // About 4 MB a chunk: few calls, and cancellation is noticed quickly.
        var rowsPerChunk = Math.Max(1, (4 << 20) / (matrix.Dimensions * sizeof(float)));
        for (var start = 0; start < matrix.Rows; start += rowsPerChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(rowsPerChunk, matrix.Rows - start);
            sink(MemoryMarshal.AsBytes(matrix.RowBlock(start, count)));
        }
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
