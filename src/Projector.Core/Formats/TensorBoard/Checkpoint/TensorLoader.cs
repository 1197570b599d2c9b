using System.Buffers;
using System.IO.Hashing;
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>Turns one checkpoint entry into an N x D float32 matrix: mapped, converted or assembled from slices.</summary>
internal static class TensorLoader
{
    private const string Damaged = "The checkpoint is damaged or was copied incompletely; copy or save it again";

    /// <summary>Reads the tensor <paramref name="info"/> whose index entry is <paramref name="entry"/>.</summary>
    public static EmbeddingMatrix Load(CheckpointReader reader, CheckpointTensorInfo info, BundleEntryProto entry, ReadOptions options)
    {
        var elementSize = TensorDType.ElementSize(entry.Dtype);
        if (elementSize == 0)
        {
            var numeric = reader.Tensors.Where(t => t.DType != "string" && t.Shape.Count is 1 or 2).Select(t => t.Name);
            throw new DataFormatException(
                reader.IndexPath,
                $"tensor '{info.Name}' holds {info.DType} values, which cannot be read as vectors",
                $"Pick a numeric tensor of the checkpoint: {string.Join(", ", numeric)}");
        }

        var (rows, dims) = MatrixShape(reader.IndexPath, info);
        if (entry.Slices.Count > 0)
        {
            var assembled = Assemble(reader, info, entry, rows, dims, options.CancellationToken);
            Check(reader.IndexPath, assembled, options, null);
            return assembled;
        }

        var shard = reader.ShardPath(entry.ShardId, info.Name);
        var count = (long)rows * dims;
        CheckExtent(shard, info.Name, entry, count * elementSize);
        var offset = entry.Offset;
        if (entry.Dtype == DataType.DtFloat && BitConverter.IsLittleEndian)
        {
            var mapped = EmbeddingMatrix.MapFile(shard, offset, rows, dims);
            try
            {
                if (!options.SkipChecksums)
                {
                    VerifyMapped(shard, info.Name, entry, mapped, options.CancellationToken);
                }

                Check(shard, mapped, options, (r, c) => offset + ((((long)r * dims) + c) * sizeof(float)));
            }
            catch
            {
                mapped.Dispose();
                throw;
            }

            return mapped;
        }

        var values = new float[count];
        ReadConverted(shard, info.Name, entry, values, options.CancellationToken);
        var matrix = EmbeddingMatrix.FromArray(values, rows, dims);
        Check(shard, matrix, options, (r, c) => offset + ((((long)r * dims) + c) * elementSize));
        return matrix;
    }

    private static (int Rows, int Dims) MatrixShape(string indexPath, CheckpointTensorInfo info)
    {
        var shape = info.Shape;
        if (shape.Count is 0 or > 2)
        {
            throw new DataFormatException(
                indexPath,
                $"tensor '{info.Name}' has {shape.Count} dimensions [{string.Join(", ", shape)}]; vectors need a 2-D (N x D) or 1-D tensor",
                "Pick a 2-D tensor, or reshape this one to N x D and save it again");
        }

        var rows = shape[0];
        var dims = shape.Count == 2 ? shape[1] : 1;
        if (rows < 0 || dims <= 0 || rows > int.MaxValue || dims > int.MaxValue)
        {
            throw new DataFormatException(indexPath, $"tensor '{info.Name}' has the shape {ShapeText(shape)}, which cannot hold vectors", "Pick a tensor with at least one column");
        }

        if (rows * dims > Array.MaxLength)
        {
            throw new DataFormatException(indexPath, $"tensor '{info.Name}' of shape {ShapeText(shape)} holds {rows * dims} values, more than one matrix can", "Save a slice of the tensor, or fewer dimensions");
        }

        return ((int)rows, (int)dims);
    }

    // A damaged shape can hold negative sizes; they are described, not printed as numbers that look like our overflow.
    private static string ShapeText(IReadOnlyList<long> shape) =>
        shape.Any(d => d < 0) ? "with a negative dimension" : $"[{string.Join(", ", shape)}]";

    private static void CheckExtent(string shard, string name, BundleEntryProto entry, long expectedBytes)
    {
        if (entry.Size != expectedBytes)
        {
            throw new DataFormatException(
                shard,
                $"tensor '{name}' should take {expectedBytes} bytes for its shape and dtype, but the index says {entry.Size}",
                Damaged,
                byteOffset: entry.Offset);
        }

        if (!File.Exists(shard))
        {
            throw new DataFormatException(
                shard,
                $"missing data shard: the index puts tensor '{name}' in this file, which does not exist",
                "Copy every PREFIX.data-NNNNN-of-MMMMM file of the checkpoint next to its .index");
        }

        // A data shard linked from elsewhere is as much a way out of the folder as a path in a config.
        FileConfinement.Check(shard, shard[..shard.LastIndexOf(".data-", StringComparison.Ordinal)] + ".index", Path.GetFileName(shard));
        var length = FileOpen.Target(new FileInfo(shard)).Length;
        if (entry.Offset < 0 || entry.Offset > length || entry.Size > length - entry.Offset)
        {
            throw new DataFormatException(
                shard,
                $"tensor '{name}' lies at bytes {entry.Offset}..{entry.Offset + entry.Size}, past the end of the {length}-byte data shard",
                Damaged,
                byteOffset: entry.Offset);
        }
    }

    /// <summary>Reads an entry's bytes with one seek and converts them, checking the CRC TensorFlow stored.</summary>
    private static void ReadConverted(string shard, string name, BundleEntryProto entry, Span<float> destination, CancellationToken cancellationToken)
    {
        var elementSize = TensorDType.ElementSize(entry.Dtype);
        using var stream = FileOpen.Read(shard, allowEmpty: true);
        stream.Seek(entry.Offset, SeekOrigin.Begin);
        var chunkElements = Math.Max(1, (1 << 20) / elementSize);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkElements * elementSize);
        try
        {
            var crc = new Crc32(Crc32ParameterSet.Crc32C);
            for (var done = 0; done < destination.Length;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = Math.Min(chunkElements, destination.Length - done);
                var bytes = buffer.AsSpan(0, n * elementSize);
                stream.ReadExactly(bytes);
                crc.Append(bytes);
                TensorDType.ToFloat(entry.Dtype, bytes, destination.Slice(done, n));
                done += n;
            }

            Verify(shard, name, entry, crc);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // TensorFlow checks the CRC32C the index keeps for every tensor when it restores one, so a mapped
    // tensor is checked too (hardware CRC32C over the mapped pages, a pass like the finite check's):
    // a flipped bit must not load as a different number.
    private static void VerifyMapped(string shard, string name, BundleEntryProto entry, EmbeddingMatrix matrix, CancellationToken cancellationToken)
    {
        var crc = new Crc32(Crc32ParameterSet.Crc32C);
        var rowsPerBlock = Math.Max(1, (1 << 22) / Math.Max(1, matrix.Dimensions));
        for (var row = 0; row < matrix.Rows; row += rowsPerBlock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = matrix.RowBlock(row, Math.Min(rowsPerBlock, matrix.Rows - row));
            crc.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(block));
        }

        Verify(shard, name, entry, crc);
    }

    private static void Verify(string shard, string name, BundleEntryProto entry, Crc32 crc)
    {
        var actual = crc.GetCurrentHashAsUInt32();
        if (actual != Crc32C.Unmask(entry.Crc32C))
        {
            throw new DataFormatException(shard, $"tensor '{name}' fails its CRC32C check ({actual:x8}, the index says {Crc32C.Unmask(entry.Crc32C):x8})", Damaged, byteOffset: entry.Offset);
        }
    }

    /// <summary>Copies every slice of a partitioned variable into its place in one matrix.</summary>
    private static EmbeddingMatrix Assemble(CheckpointReader reader, CheckpointTensorInfo info, BundleEntryProto full, int rows, int dims, CancellationToken cancellationToken)
    {
        // Every slice is checked against its shard first and the slices must cover the variable, so that the
        // matrix is allocated only for values the files really hold, never for a shape the index merely claims.
        var parts = full.Slices.Select(slice => Part(reader, info, slice)).ToList();
        var covered = parts.Aggregate(Int128.Zero, (sum, p) => sum + ((Int128)p.Rows.Length * p.Columns.Length));
        if (covered != (long)rows * dims)
        {
            throw new DataFormatException(reader.IndexPath, $"the slices of '{info.Name}' hold {covered} values, the variable {(long)rows * dims}", Damaged);
        }

        var values = new float[(long)rows * dims];
        foreach (var (entry, shard, (r0, rn), (c0, cn)) in parts)
        {
            var part = new float[rn * cn];
            ReadConverted(shard, info.Name, entry, part, cancellationToken);
            for (var r = 0L; r < rn; r++)
            {
                part.AsSpan((int)(r * cn), (int)cn).CopyTo(values.AsSpan((int)(((r0 + r) * dims) + c0)));
            }
        }

        return EmbeddingMatrix.FromArray(values, rows, dims);
    }

    /// <summary>One slice's entry and shard, checked: its extent lies in the variable and its bytes in the shard.</summary>
    private static (BundleEntryProto Entry, string Shard, (long Start, long Length) Rows, (long Start, long Length) Columns) Part(CheckpointReader reader, CheckpointTensorInfo info, TensorSliceProto slice)
    {
        var rank = info.Shape.Count;
        if (slice.Extent.Count != rank)
        {
            throw new DataFormatException(reader.IndexPath, $"a slice of '{info.Name}' has {slice.Extent.Count} dimensions, the variable {rank}", Damaged);
        }

        var (r0, rn) = Extent(reader, info, slice, 0);
        var (c0, cn) = rank == 2 ? Extent(reader, info, slice, 1) : (0L, 1L);
        var entry = reader.FindSlice(SliceKey.Encode(info.Name, slice)) ?? throw new DataFormatException(
            reader.IndexPath,
            $"the slice of '{info.Name}' at rows {r0}..{r0 + rn}, columns {c0}..{c0 + cn} is listed but not stored",
            Damaged);
        var elementSize = TensorDType.ElementSize(entry.Dtype);
        if (elementSize == 0)
        {
            throw new DataFormatException(reader.IndexPath, $"a slice of '{info.Name}' holds {TensorDType.Name(entry.Dtype)} values", Damaged);
        }

        var shard = reader.ShardPath(entry.ShardId, info.Name);
        CheckExtent(shard, info.Name, entry, rn * cn * elementSize);
        return (entry, shard, (r0, rn), (c0, cn));
    }

    private static (long Start, long Length) Extent(CheckpointReader reader, CheckpointTensorInfo info, TensorSliceProto slice, int d)
    {
        var e = slice.Extent[d];
        var start = e.Start;
        var length = e.HasLengthCase == TensorSliceProto.Types.Extent.HasLengthOneofCase.Length ? e.Length : info.Shape[d] - start;
        if (start < 0 || length < 0 || start > info.Shape[d] || length > info.Shape[d] - start)
        {
            var covers = start < 0 || length < 0 ? "a negative extent" : $"{start}..{(Int128)start + length}";
            throw new DataFormatException(reader.IndexPath, $"a slice of '{info.Name}' covers {covers} of dimension {d}, which has {info.Shape[d]}", Damaged);
        }

        return (start, length);
    }

    private static void Check(string path, EmbeddingMatrix matrix, ReadOptions options, Func<int, int, long>? offsetOfValue)
    {
        try
        {
            NonFiniteCheck.Ensure(path, matrix, options, offsetOfValue: offsetOfValue);
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }
}
