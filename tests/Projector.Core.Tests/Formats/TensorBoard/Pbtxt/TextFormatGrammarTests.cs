using Google.Protobuf.WellKnownTypes;
using Projector.Core.Formats.TensorBoard.Pbtxt;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Tests.Formats.TensorBoard.Pbtxt;

/// <summary>Each construct protobuf's text format parsers accept.</summary>
public sealed class TextFormatGrammarTests
{
    private static ProjectorConfig Config(string text) => TextFormat.Parse<ProjectorConfig>(text, "test.pbtxt");

    private static T Parse<T>(string text)
        where T : Google.Protobuf.IMessage<T>, new() => TextFormat.Parse<T>(text, "test.pbtxt");

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n")]
    [InlineData("# only a comment\n# and another")]
    public void Parse_gives_an_empty_message_for_empty_or_comment_only_text(string text) =>
        Assert.Equal(new ProjectorConfig(), Config(text));

    [Fact]
    public void Parse_skips_comments_and_whitespace_anywhere()
    {
        var c = Config("# head\nembeddings # after name\n{ # open\n tensor_name # name\n : # colon\n \"t\" # value\n} # close\nmodel_checkpoint_path:\"m\"#tail");
        Assert.Equal(("t", "m"), (c.Embeddings[0].TensorName, c.ModelCheckpointPath));
    }

    [Theory]
    [InlineData("embeddings { tensor_name: \"t\" }")]
    [InlineData("embeddings: { tensor_name: \"t\" }")]
    [InlineData("embeddings < tensor_name: \"t\" >")]
    [InlineData("embeddings: < tensor_name: \"t\" >")]
    [InlineData("embeddings: [ { tensor_name: \"t\" } ]")]
    [InlineData("embeddings [ < tensor_name: \"t\" > ]")]
    public void Parse_reads_message_fields_in_every_bracket_style(string text) =>
        Assert.Equal("t", Assert.Single(Config(text).Embeddings).TensorName);

    [Fact]
    public void Parse_reads_repeated_messages_as_blocks_and_as_a_list()
    {
        Assert.Equal(["a", "b"], Config("embeddings { tensor_name: 'a' } embeddings { tensor_name: 'b' }").Embeddings.Select(e => e.TensorName));
        Assert.Equal(["a", "b", "c"], Config("embeddings: [{ tensor_name: 'a' }, <tensor_name: 'b'>] embeddings { tensor_name: 'c' }").Embeddings.Select(e => e.TensorName));
        Assert.Empty(Config("embeddings: []").Embeddings);
    }

    [Fact]
    public void Parse_reads_repeated_scalars_as_lines()
    {
        var e = Config("embeddings { tensor_shape: 10 tensor_shape: 3 }").Embeddings[0];
        Assert.Equal([10u, 3u], e.TensorShape);
    }

    [Fact]
    public void Parse_reads_repeated_scalars_as_a_list()
    {
        Assert.Equal([10u, 3u, 7u], Config("embeddings { tensor_shape: [10, 3] tensor_shape: 7 }").Embeddings[0].TensorShape);
        Assert.Empty(Config("embeddings { tensor_shape: [] }").Embeddings[0].TensorShape);
        Assert.Equal(["a", "b"], Parse<CheckpointState>("all_model_checkpoint_paths: [\"a\", 'b']").AllModelCheckpointPaths);
    }

    [Fact]
    public void Parse_accepts_a_comma_or_semicolon_after_any_field()
    {
        var c = Config("model_checkpoint_path: 'm', embeddings { tensor_name: 't'; metadata_path: 'x', }; model_checkpoint_dir: 'd';");
        Assert.Equal(("m", "t", "x", "d"), (c.ModelCheckpointPath, c.Embeddings[0].TensorName, c.Embeddings[0].MetadataPath, c.ModelCheckpointDir));
    }

    [Theory]
    [InlineData(@"'a\nb'", "a\nb")]
    [InlineData(@"'\t\r\\\'\""'", "\t\r\\'\"")]
    [InlineData(@"'\a\b\f\v\?'", "\a\b\f\v?")]
    [InlineData(@"'\101\60\0'", "A0\0")]
    [InlineData(@"'\x41\x9z'", "A\tz")]
    [InlineData(@"'\u00e9\U0001F600'", "é😀")]
    [InlineData(@"'\ud83d\ude00'", "😀")]
    [InlineData(@"'\303\251'", "é")]
    [InlineData(@"'\xc3\xa9'", "é")]
    [InlineData("\"it's\"", "it's")]
    [InlineData("'say \"hi\"'", "say \"hi\"")]
    [InlineData("\"a\" 'b'\n  \"c\"", "abc")]
    [InlineData("\"é 字\"", "é 字")]
    [InlineData(@"'C:\\logs\\run 1'", @"C:\logs\run 1")]
    public void Parse_reads_string_literals_with_escapes_and_concatenation(string literal, string expected) =>
        Assert.Equal(expected, Config("model_checkpoint_path: " + literal).ModelCheckpointPath);

    [Theory]
    [InlineData("123", 123)]
    [InlineData("-123", -123)]
    [InlineData("0x1F", 31)]
    [InlineData("-0x10", -16)]
    [InlineData("017", 15)]
    [InlineData("0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Parse_reads_int32_in_decimal_hex_and_octal_with_sign(string text, int expected) =>
        Assert.Equal(expected, Parse<Int32Value>("value: " + text).Value);

    [Fact]
    public void Parse_reads_64_bit_integers_to_their_limits()
    {
        Assert.Equal(long.MinValue, Parse<Int64Value>("value: -9223372036854775808").Value);
        Assert.Equal(long.MaxValue, Parse<Int64Value>("value: 0x7fffffffffffffff").Value);
        Assert.Equal(ulong.MaxValue, Parse<UInt64Value>("value: 18446744073709551615").Value);
        Assert.Equal(uint.MaxValue, Parse<UInt32Value>("value: 4294967295").Value);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2.5e3", -2500)]
    [InlineData("1E-2", 0.01)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("7", 7)]
    [InlineData("0x10", 16)]
    [InlineData("1.5f", 1.5)]
    [InlineData("2F", 2)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("nan", double.NaN)]
    public void Parse_reads_floats_with_exponents_inf_nan_and_a_trailing_f(string text, double expected)
    {
        Assert.Equal(expected, Parse<DoubleValue>("value: " + text).Value);
        Assert.Equal((float)expected, Parse<FloatValue>("value: " + text).Value);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("t", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("f", false)]
    [InlineData("0", false)]
    public void Parse_reads_bools_in_every_spelling(string text, bool expected) =>
        Assert.Equal(expected, Parse<TensorShapeProto>("unknown_rank: " + text).UnknownRank);

    [Fact]
    public void Parse_reads_enums_by_name_or_number()
    {
        Assert.Equal(DataType.DtFloat, Parse<BundleEntryProto>("dtype: DT_FLOAT").Dtype);
        Assert.Equal(DataType.DtHalf, Parse<BundleEntryProto>("dtype: 19").Dtype);
        Assert.Equal(BundleHeaderProto.Types.Endianness.Big, Parse<BundleHeaderProto>("endianness: BIG").Endianness);
    }

    [Fact]
    public void Parse_reads_bytes_fields_as_the_raw_bytes_of_the_literal()
    {
        Assert.Equal([0xFF, 0x00, (byte)'a'], Parse<BytesValue>(@"value: '\377\000a'").Value.ToByteArray());
    }

    [Fact]
    public void Parse_reads_nested_messages_several_levels_deep()
    {
        var entry = Parse<BundleEntryProto>("shape { dim { size: 3 } dim { size: -1 name: 'd' } } slices { extent { start: 1 length: 2 } extent { } }");
        Assert.Equal([3L, -1L], entry.Shape.Dim.Select(d => d.Size));
        Assert.Equal("d", entry.Shape.Dim[1].Name);
        Assert.Equal(2, entry.Slices[0].Extent[0].Length);
        Assert.Equal(TensorSliceProto.Types.Extent.HasLengthOneofCase.None, entry.Slices[0].Extent[1].HasLengthCase);
    }

    [Fact]
    public void ParseFile_reads_utf8_with_a_bom_and_crlf_line_ends()
    {
        using var dir = new TempDir();
        var path = dir.Write("projector_config.pbtxt", [0xEF, 0xBB, 0xBF, .. "embeddings {\r\n  tensor_name: \"caf\u00e9\"\r\n}\r\n"u8.ToArray()]);
        Assert.Equal("café", TextFormat.ParseFile<ProjectorConfig>(path).Embeddings[0].TensorName);
    }

    [Fact]
    public void ParseFile_reads_an_empty_file_as_an_empty_message()
    {
        using var dir = new TempDir();
        Assert.Equal(new CheckpointState(), TextFormat.ParseFile<CheckpointState>(dir.Write("checkpoint", "")));
    }
}
