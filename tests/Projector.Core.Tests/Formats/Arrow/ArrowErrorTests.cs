using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Types;
using Projector.Core.Formats;
using Projector.Core.Formats.Arrow;

namespace Projector.Core.Tests.Formats.Arrow;

/// <summary>Every broken file ends in one clear line naming the file (and the column and row where known).</summary>
public sealed class ArrowErrorTests
{
    [Fact]
    public void Wrong_magic()
    {
        var ex = Fail("text.arrow", "hello world, not arrow"u8.ToArray());
        Assert.Contains("is not an Arrow IPC file or stream", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_footer()
    {
        var ex = Fail("cut.arrow", Good(stream: false)[..^7]);
        Assert.Contains("does not end with the Arrow magic ARROW1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Footer_length_larger_than_the_file()
    {
        var bytes = Good(stream: false);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 10), int.MaxValue);
        var ex = Fail("big.arrow", bytes);
        Assert.Contains($"the footer length {int.MaxValue} does not fit in the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_claiming_more_than_the_file()
    {
        var bytes = Good(stream: true);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 0x7FFFFFF0);
        var ex = Fail("claim.arrows", bytes);
        Assert.Contains("claims 2147483632 bytes of metadata", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_stream()
    {
        var ex = Fail("cut.arrows", Good(stream: true)[..^40]);
        Assert.Contains("cut.arrows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_lengths_and_null_vectors_name_the_column_and_row()
    {
        var mixed = Fail("mixed.arrows", Lists([1, 2], [3, 4], [5]));
        Assert.Contains("column 'vec', row 3 (record batch 1): the vectors have mixed lengths: this row has 1 values, row 1 has 2", mixed.Message, StringComparison.Ordinal);
        var nulls = Fail("null.arrows", Lists([1, 2], null));
        Assert.Contains("column 'vec', row 2 (record batch 1): the vector is null", nulls.Message, StringComparison.Ordinal);
        var nan = Fail("nan.arrows", Lists([1, 2], [double.PositiveInfinity, 0]));
        Assert.Contains("column 'vec', row 2 (record batch 1): value 1 is Infinity, not a finite number", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_vector_column_lists_the_columns_and_suggests_columns()
    {
        var schema = ArrowFiles.Schema(("name", StringType.Default));
        using var dir = new TempDir();
        var path = dir.File("s.arrow");
        ArrowFiles.Write(path, schema, [new RecordBatch(schema, [ArrowFiles.Strings("a")], 1)], stream: false);
        var ex = Assert.Throws<DataFormatException>(() => ArrowDatasetReader.Read(path, ReadOptions.Default));
        Assert.Contains("(columns: name (utf8))", ex.Message, StringComparison.Ordinal);
        Assert.Equal(RemedyOption.Columns, ex.Remedy?.Option);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Damaged_files_fail_only_with_one_line_errors(bool stream)
    {
        using var dir = new TempDir();
        var good = Good(stream);
        var random = new Random(3);
        for (var round = 0; round < 120; round++)
        {
            var bytes = (byte[])good.Clone();
            if (round % 3 == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }
            else
            {
                for (var k = 0; k < 1 + (round % 4); k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            var path = dir.Write($"{round}.arrow", bytes);
            try
            {
                using var ds = ArrowDatasetReader.Read(path, ReadOptions.Default);
            }
            catch (DataFormatException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
                Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
            }
        }
    }

    private static byte[] Good(bool stream)
    {
        var schema = ArrowFiles.Schema(("emb", new FixedSizeListType(FloatType.Default, 3)), ("label", StringType.Default));
        using var dir = new TempDir();
        var path = dir.File("good");
        ArrowFiles.Write(path, schema, [new RecordBatch(schema, [ArrowFiles.FixedSizeFloats(3, [1, 2, 3], [4, 5, 6]), ArrowFiles.Strings("a", "b")], 2)], stream);
        return File.ReadAllBytes(path);
    }

    private static byte[] Lists(params double[]?[] rows)
    {
        var schema = ArrowFiles.Schema(("vec", new ListType(DoubleType.Default)));
        using var dir = new TempDir();
        var path = dir.File("lists");
        ArrowFiles.Write(path, schema, [new RecordBatch(schema, [ArrowFiles.DoubleLists(rows)], rows.Length)], stream: true);
        return File.ReadAllBytes(path);
    }

    private static DataFormatException Fail(string name, byte[] bytes)
    {
        using var dir = new TempDir();
        var path = dir.Write(name, bytes);
        var ex = Assert.Throws<DataFormatException>(() => ArrowDatasetReader.Read(path, ReadOptions.Default));
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }
}
