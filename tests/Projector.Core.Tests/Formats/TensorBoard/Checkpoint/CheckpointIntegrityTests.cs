using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.TensorBoard.Checkpoint;

namespace Projector.Core.Tests.Formats.TensorBoard.Checkpoint;

public sealed class CheckpointIntegrityTests
{
    [Fact]
    public void A_flipped_bit_in_a_mapped_tensor_fails_its_crc_unless_checks_are_skipped()
    {
        using var dir = new TempDir();
        var prefix = dir.File("model.ckpt-1");
        var values = Enumerable.Range(0, 64 * 8).Select(i => i * 0.5f).ToArray();
        using (var m = EmbeddingMatrix.FromArray(values, 64, 8))
        {
            CheckpointWriter.Write(prefix, [new("embedding", m)]);
        }

        var shard = Directory.GetFiles(dir.Path, "model.ckpt-1.data-*").Single();
        var bytes = File.ReadAllBytes(shard);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(shard, bytes);

        using var reader = CheckpointReader.Open(prefix);
        var e = Assert.Throws<DataFormatException>(() => reader.ReadMatrix("embedding"));
        Assert.Contains("CRC32C", e.Message, StringComparison.Ordinal);

        using var unchecked_ = reader.ReadMatrix("embedding", ReadOptions.Default with { SkipChecksums = true });
        Assert.NotEqual(values, unchecked_.ToArray());
    }
}
