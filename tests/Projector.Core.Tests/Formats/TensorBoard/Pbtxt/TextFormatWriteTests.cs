using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Projector.Core.Formats.TensorBoard.Pbtxt;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Tests.Formats.TensorBoard.Pbtxt;

/// <summary>Format writes what TensorFlow writes, and Parse reads it back equal.</summary>
public sealed class TextFormatWriteTests
{
    private static ProjectorConfig Sample()
    {
        var config = new ProjectorConfig { ModelCheckpointPath = @"C:\Users\me\logs\model.ckpt-100", ModelCheckpointDir = "./ckpt" };
        var words = new EmbeddingInfo
        {
            TensorName = "embedding/.ATTRIBUTES/VARIABLE_VALUE",
            MetadataPath = "say \"hi\"\tit's\nnew line \\ café 字 😀",
            TensorShape = { 10000, 300 },
            Sprite = new SpriteMetadata { ImagePath = @"D:\sprites\sheet.png", SingleImageDim = { 28, 32 } },
        };
        config.Embeddings.Add(words);
        config.Embeddings.Add(new EmbeddingInfo { TensorPath = "/home/u/vectors.tsv", BookmarksPath = "b.json", Sprite = new SpriteMetadata() });
        config.Embeddings.Add(new EmbeddingInfo());
        return config;
    }

    [Fact]
    public void Format_then_Parse_gives_an_equal_config_with_several_embeddings_sprites_shapes_escapes_and_windows_paths()
    {
        var config = Sample();
        Assert.Equal(config, TextFormat.Parse<ProjectorConfig>(TextFormat.Format(config), "x"));
    }

    [Fact]
    public void Format_writes_fields_in_number_order_nested_blocks_indented_by_two_and_leaves_defaults_out()
    {
        var config = new ProjectorConfig { ModelCheckpointDir = "d" };
        config.Embeddings.Add(new EmbeddingInfo
        {
            TensorName = "emb:0",
            TensorShape = { 3, 2 },
            Sprite = new SpriteMetadata { ImagePath = "s.png", SingleImageDim = { 28, 28 } },
        });
        Assert.Equal(
            "embeddings {\n  tensor_name: \"emb:0\"\n  tensor_shape: 3\n  tensor_shape: 2\n  sprite {\n    image_path: \"s.png\"\n    single_image_dim: 28\n    single_image_dim: 28\n  }\n}\nmodel_checkpoint_dir: \"d\"\n",
            TextFormat.Format(config));
        Assert.Equal("", TextFormat.Format(new ProjectorConfig()));
    }

    [Fact]
    public void Format_escapes_strings_as_TensorFlow_does()
    {
        var text = TextFormat.Format(new CheckpointState { ModelCheckpointPath = "C:\\a\t\"b\" it's é\u0001" });
        Assert.Equal("model_checkpoint_path: \"C:\\\\a\\t\\\"b\\\" it\\'s \\303\\251\\001\"\n", text);
    }

    [Fact]
    public void Format_writes_numbers_enums_bools_and_special_floats_in_invariant_spelling()
    {
        Assert.Equal("value: -9223372036854775808\n", TextFormat.Format(new Int64Value { Value = long.MinValue }));
        Assert.Equal("value: 18446744073709551615\n", TextFormat.Format(new UInt64Value { Value = ulong.MaxValue }));
        Assert.Equal("value: true\n", TextFormat.Format(new BoolValue { Value = true }));
        Assert.Equal("value: 0.1\n", TextFormat.Format(new FloatValue { Value = 0.1f }));
        Assert.Equal("value: 1e+20\n", TextFormat.Format(new DoubleValue { Value = 1e20 }));
        Assert.Equal("value: -inf\n", TextFormat.Format(new DoubleValue { Value = double.NegativeInfinity }));
        Assert.Equal("value: nan\n", TextFormat.Format(new DoubleValue { Value = double.NaN }));
        Assert.Equal("dtype: DT_FLOAT\nshard_id: -1\n", TextFormat.Format(new BundleEntryProto { Dtype = DataType.DtFloat, ShardId = -1 }));
        Assert.Equal("dtype: 99\n", TextFormat.Format(new BundleEntryProto { Dtype = (DataType)99 }));
    }

    [Fact]
    public void Format_then_Parse_round_trips_every_scalar_kind_and_oneof_presence()
    {
        var entry = new BundleEntryProto
        {
            Dtype = DataType.DtBfloat16,
            Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dim { Size = -1, Name = "n" } }, UnknownRank = true },
            Offset = long.MaxValue,
            Crc32C = uint.MaxValue,
            Slices = { new TensorSliceProto { Extent = { new TensorSliceProto.Types.Extent { Start = 1, Length = 0 }, new TensorSliceProto.Types.Extent { Start = 2 } } } },
        };
        var back = TextFormat.Parse<BundleEntryProto>(TextFormat.Format(entry), "x");
        Assert.Equal(entry, back);
        Assert.Equal(TensorSliceProto.Types.Extent.HasLengthOneofCase.Length, back.Slices[0].Extent[0].HasLengthCase);

        var state = new CheckpointState { AllModelCheckpointTimestamps = { 1.5e9, 0.1, double.PositiveInfinity }, LastPreservedTimestamp = -2.5e-7 };
        Assert.Equal(state, TextFormat.Parse<CheckpointState>(TextFormat.Format(state), "x"));
        var bytes = new BytesValue { Value = ByteString.CopyFrom(0, 255, 10, 39, 92) };
        Assert.Equal(bytes, TextFormat.Parse<BytesValue>(TextFormat.Format(bytes), "x"));
    }

    [Fact]
    public void WriteFile_writes_utf8_without_bom_that_ParseFile_reads_back()
    {
        using var dir = new TempDir();
        var path = dir.File("run/projector_config.pbtxt");
        var config = Sample();
        TextFormat.WriteFile(path, config);
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
        Assert.Equal(config, TextFormat.ParseFile<ProjectorConfig>(path));
        Assert.Single(Directory.GetFiles(dir.File("run")));
    }
}
