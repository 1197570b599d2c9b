using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>Receives the bytes of one tensor, chunk by chunk, as they are written to the data shard.</summary>
internal delegate void ChunkSink(ReadOnlySpan<byte> chunk);

/// <summary>
/// One index entry to write: its key, its entry (dtype, shape, slices; the writer fills in shard,
/// offset, size and CRC) and, unless it is the data-less entry of a sliced variable, its bytes.
/// <paramref name="Crc32C"/> is the unmasked checksum to store when it is not that of the bytes
/// (string tensors checksum their lengths as integers, not as the varints written).
/// </summary>
internal sealed record BundleItem(byte[] Key, BundleEntryProto Entry, Action<ChunkSink>? WriteData, uint? Crc32C = null);
