using Google.Protobuf.WellKnownTypes;
using Projector.Core.Formats.TensorBoard.Pbtxt;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Tests.Formats.TensorBoard.Pbtxt;

/// <summary>Bad text is refused with one DataFormatException naming the file, the line and the column.</summary>
public sealed class TextFormatErrorTests
{
    private static DataFormatException Refuse<T>(string text)
        where T : Google.Protobuf.IMessage<T>, new() =>
        Assert.Throws<DataFormatException>(() => TextFormat.Parse<T>(text, "projector_config.pbtxt"));

    [Fact]
    public void Parse_refuses_an_unknown_field_naming_it_the_message_type_the_line_and_the_known_fields()
    {
        var e = Refuse<ProjectorConfig>("embeddings {\n  tensor_name: 'a'\n  tensor_nam: 'b'\n}");
        Assert.Equal(3, e.Line);
        Assert.StartsWith("projector_config.pbtxt:3: unknown field 'tensor_nam' in EmbeddingInfo (column 3). Fields are: tensor_name, metadata_path, bookmarks_path, tensor_shape, sprite, tensor_path", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("model_checkpoint_path 'm'", 1, "expected ':' after field name 'model_checkpoint_path'")]
    [InlineData("\nembeddings {\n tensor_name: 'a'\n", 4, "'{' opened on line 2 is not closed")]
    [InlineData("embeddings { tensor_name: 'a' >", 1, "unexpected '>'")]
    [InlineData("}", 1, "unexpected '}'")]
    [InlineData("embeddings 'a'", 1, "expected '{' to start 'embeddings'")]
    [InlineData("\n\nmodel_checkpoint_path: 'abc", 3, "string not closed")]
    [InlineData("model_checkpoint_path: 'a\nb'", 1, "string not closed")]
    [InlineData("model_checkpoint_path: '\\q'", 1, "bad escape in string: \\q")]
    [InlineData("model_checkpoint_path: '\\400'", 1, "bad escape")]
    [InlineData("model_checkpoint_path: '\\x'", 1, "bad escape")]
    [InlineData("model_checkpoint_path: '\\u12'", 1, "bad escape")]
    [InlineData("model_checkpoint_path: '\\U00110000'", 1, "bad escape")]
    [InlineData("model_checkpoint_path: '\\udc00'", 1, "bad escape")]
    [InlineData("model_checkpoint_path: '\\xff'", 1, "not valid UTF-8")]
    [InlineData("model_checkpoint_path: m", 1, "expected a quoted string for 'model_checkpoint_path'")]
    [InlineData("model_checkpoint_path: 'a' model_checkpoint_path: 'b'", 1, "field 'model_checkpoint_path' of ProjectorConfig is given twice")]
    [InlineData("embeddings { sprite { } \n sprite { } }", 2, "field 'sprite' of EmbeddingInfo is given twice (first on line 1)")]
    [InlineData("model_checkpoint_path: ['a']", 1, "is not repeated, so it cannot take a list")]
    [InlineData("embeddings { tensor_shape: [1 2] }", 1, "expected ','")]
    [InlineData("embeddings { tensor_shape: [1,] }", 1, "expected an integer for 'tensor_shape'")]
    [InlineData("embeddings { tensor_shape: -1 }", 1, "'tensor_shape' is unsigned (uint32): '-1' is refused")]
    [InlineData("embeddings { tensor_shape: 4294967296 }", 1, "4294967296 is out of range for 'tensor_shape' (uint32)")]
    [InlineData("embeddings { tensor_shape: 1.5 }", 1, "expected an integer for 'tensor_shape'")]
    [InlineData("embeddings { tensor_shape: 'x' }", 1, "expected an integer")]
    [InlineData("embeddings { tensor_shape: 09 }", 1, "a leading 0 means octal")]
    [InlineData("embeddings { tensor_shape: 12abc }", 1, "'12abc' is not a number")]
    [InlineData("embeddings { tensor_shape: 0x }", 1, "'0x' is not a number")]
    [InlineData("[tensorboard.ext]: 1", 1, "extension and Any fields")]
    [InlineData("model_checkpoint_path: 'a' @", 1, "unexpected character '@'")]
    [InlineData("12: 'a'", 1, "expected a field name of ProjectorConfig")]
    public void Parse_refuses_syntax_errors_with_their_line(string text, int line, string problem)
    {
        var e = Refuse<ProjectorConfig>(text);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains("(column ", e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"projector_config.pbtxt:{line}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("value: 2147483648", "out of range")]
    [InlineData("value: -2147483649", "out of range")]
    [InlineData("value: 99999999999999999999999", "out of range")]
    [InlineData("value: true", "expected an integer")]
    [InlineData("value: -", "expected an integer")]
    public void Parse_refuses_int32_values_out_of_range_or_of_the_wrong_kind(string text, string problem) =>
        Assert.Contains(problem, Refuse<Int32Value>(text).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_refuses_64_bit_integers_beyond_their_limits()
    {
        Assert.Contains("out of range", Refuse<Int64Value>("value: 9223372036854775808").Message, StringComparison.Ordinal);
        Assert.Contains("out of range", Refuse<UInt64Value>("value: 18446744073709551616").Message, StringComparison.Ordinal);
        Assert.Contains("unsigned", Refuse<UInt64Value>("value: -0").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_bad_bools_enums_and_floats()
    {
        Assert.Contains("expected true or false", Refuse<BoolValue>("value: yes").Message, StringComparison.Ordinal);
        Assert.Contains("expected true or false", Refuse<BoolValue>("value: 2").Message, StringComparison.Ordinal);
        Assert.Contains("unknown value 'DT_FLOATY' for 'dtype' (DataType) (column 8). Values are: DT_INVALID, DT_FLOAT", Refuse<BundleEntryProto>("dtype: DT_FLOATY").Message, StringComparison.Ordinal);
        Assert.Contains("expected a number for 'value'", Refuse<DoubleValue>("value: infinite").Message, StringComparison.Ordinal);
        Assert.Contains("expected a number", Refuse<DoubleValue>("value: '1'").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_two_fields_of_one_oneof()
    {
        var e = Refuse<TensorSliceProto>("extent {\n start: 1\n length: 2\n length: 3 }");
        Assert.Equal(4, e.Line);
        Assert.Contains("given twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_errors_name_the_path_and_line()
    {
        using var dir = new TempDir();
        var path = dir.Write("projector_config.pbtxt", "embeddings {\r\n  tensor_name: \"a\"\r\n  sprite { single_image_dim: x }\r\n}\r\n");
        var e = Assert.Throws<DataFormatException>(() => TextFormat.ParseFile<ProjectorConfig>(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(3, e.Line);
        Assert.StartsWith($"{path}:3: expected an integer for 'single_image_dim' (uint32), found 'x' (column 30)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_refuses_a_file_that_is_not_utf8_and_a_missing_file()
    {
        using var dir = new TempDir();
        var bad = dir.Write("checkpoint", [.. "model_checkpoint_path: 'a'\nall_model_checkpoint_paths: '"u8.ToArray(), 0xFF, (byte)'\'']);
        var e = Assert.Throws<DataFormatException>(() => TextFormat.ParseFile<CheckpointState>(bad));
        Assert.Equal(2, e.Line);
        Assert.Contains("not UTF-8", e.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<DataFormatException>(() => TextFormat.ParseFile<CheckpointState>(dir.File("nope")));
        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_messages_nested_too_deep_and_map_fields()
    {
        var deep = string.Concat(Enumerable.Repeat("values { list_value { ", 60)) + string.Concat(Enumerable.Repeat("} } ", 60));
        Assert.Contains("nested more than 100 deep", Refuse<ListValue>(deep).Message, StringComparison.Ordinal);
        var fine = string.Concat(Enumerable.Repeat("values { list_value { ", 30)) + string.Concat(Enumerable.Repeat("} } ", 30));
        Assert.Single(TextFormat.Parse<ListValue>(fine, "x").Values);
        Assert.Contains("map field 'fields' of Struct is not supported", Refuse<Struct>("fields { key: 'a' }").Message, StringComparison.Ordinal);
    }
}
