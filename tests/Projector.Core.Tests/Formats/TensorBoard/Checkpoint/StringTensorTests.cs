using System.Text;
using System.Text.Json;
using Projector.Core.Formats.TensorBoard.Checkpoint;

namespace Projector.Core.Tests.Formats.TensorBoard.Checkpoint;

/// <summary>String tensors (the object graph of TF2 checkpoints): the layout and both checksums TensorFlow uses.</summary>
public sealed class StringTensorTests
{
    private const string Tf2Fixture = "tb-tf2-tiny-numeric-labels";

    [Fact]
    public void The_object_graph_tensorflow_wrote_reads_and_encodes_back_to_the_same_bytes()
    {
        var root = Fixtures.Folder(Tf2Fixture);
        var prefix = Path.Combine(root, "logs", "embedding.ckpt-1");
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "GROUND_TRUTH.json")));
        var entry = truth.RootElement.GetProperty("checkpoint logs/embedding.ckpt-1").EnumerateArray().Single(t => t.GetProperty("key").GetString() == ObjectGraph.Key);
        var (offset, size) = (entry.GetProperty("offset").GetInt32(), entry.GetProperty("size").GetInt32());

        using var reader = CheckpointReader.Open(prefix);
        var value = Assert.Single(reader.ReadStrings(reader.Find(ObjectGraph.Key)!));
        var written = File.ReadAllBytes(prefix + ".data-00000-of-00001").AsSpan(offset, size).ToArray();
        Assert.Equal(written, StringTensor.Encode([value]).Bytes);
    }

    [Fact]
    public void The_object_graph_tensorflow_wrote_maps_the_variable_name_to_its_key()
    {
        using var reader = CheckpointReader.Open(Path.Combine(Fixtures.Folder(Tf2Fixture), "logs", "embedding.ckpt-1"));
        Assert.Equal("embedding/.ATTRIBUTES/VARIABLE_VALUE", reader.Find("Variable:0")?.Name);
        Assert.Equal("Variable", reader.Graph.NameOf("embedding/.ATTRIBUTES/VARIABLE_VALUE"));
        Assert.Equal("save_counter/.ATTRIBUTES/VARIABLE_VALUE", reader.Find("save_counter:0")?.Name);
    }

    [Fact]
    public void Writer_then_reader_gives_back_every_string_of_any_length()
    {
        using var dir = new TempDir();
        var prefix = dir.File("strings");
        byte[][] values = [[], Encoding.UTF8.GetBytes("ä"), new byte[300], Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()];
        CheckpointWriter.WriteItems(prefix, [CheckpointWriter.Strings("s", [2, 2], values)]);
        using var reader = CheckpointReader.Open(prefix);
        Assert.Equal(values, reader.ReadStrings(reader.Find("s")!));
    }

    [Theory]
    [InlineData(0, "checksum of its string lengths")]
    [InlineData(2, "checksum of its string lengths")]
    [InlineData(-1, "fails its CRC32C check")]
    public void A_changed_byte_fails_the_checksum_that_covers_it(int at, string problem)
    {
        using var dir = new TempDir();
        var prefix = dir.File("strings");
        CheckpointWriter.WriteItems(prefix, [CheckpointWriter.Strings("s", [1], [Encoding.UTF8.GetBytes("graph")])]);
        var shard = prefix + ".data-00000-of-00001";
        var bytes = File.ReadAllBytes(shard);
        bytes[at < 0 ? bytes.Length + at : at] ^= 0x01;
        File.WriteAllBytes(shard, bytes);
        using var reader = CheckpointReader.Open(prefix);
        var e = Assert.Throws<DataFormatException>(() => reader.ReadStrings(reader.Find("s")!));
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.Equal(shard, e.FilePath);
    }

    [Fact]
    public void More_elements_than_the_entry_has_bytes_is_damage_not_an_allocation()
    {
        using var dir = new TempDir();
        var prefix = dir.File("strings");
        CheckpointWriter.WriteItems(prefix, [RawBundle.Tensor("s", Projector.Core.Formats.TensorBoard.Protos.DataType.DtString, [long.MaxValue / 2, 4], [1, 0, 0, 0, 0, 97])]);
        using var reader = CheckpointReader.Open(prefix);
        var e = Assert.Throws<DataFormatException>(() => reader.ReadStrings(reader.Find("s")!));
        Assert.Contains("cannot lie at bytes", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_object_graph_is_reported_only_when_a_name_needs_it()
    {
        using var dir = new TempDir();
        var prefix = dir.File("ckpt");
        CheckpointWriter.WriteItems(prefix,
        [
            CheckpointWriter.Strings(ObjectGraph.Key, [], [[0xff, 0xff, 0xff]]),
            RawBundle.Tensor("emb/.ATTRIBUTES/VARIABLE_VALUE", Projector.Core.Formats.TensorBoard.Protos.DataType.DtFloat, [1, 1], RawBundle.Floats(1)),
        ]);
        using var reader = CheckpointReader.Open(prefix);
        Assert.NotNull(reader.Find("emb/.ATTRIBUTES/VARIABLE_VALUE:0"));
        var e = Assert.Throws<DataFormatException>(() => reader.Find("emb/embeddings:0"));
        Assert.Contains("object graph", e.Problem, StringComparison.Ordinal);
    }
}
