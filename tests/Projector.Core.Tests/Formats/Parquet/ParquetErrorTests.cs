using System.Buffers.Binary;
using Projector.Core.Formats;
using Projector.Core.Formats.Parquet;

namespace Projector.Core.Tests.Formats.Parquet;

/// <summary>Every broken file ends in one clear line naming the file (and the column and row where known).</summary>
public sealed class ParquetErrorTests
{
    private static readonly byte[] Good = ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2, 3], [4, 5, 6]], ["x", "y"]);

    [Fact]
    public void Wrong_magic()
    {
        var ex = Fail("text.parquet", "a,b\n1,2\n"u8.ToArray());
        Assert.Contains("does not start with the Parquet magic PAR1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_footer()
    {
        var ex = Fail("cut.parquet", Good[..^20]);
        Assert.Contains("does not end with the Parquet magic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Footer_length_larger_than_the_file()
    {
        var bytes = (byte[])Good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
        var ex = Fail("big.parquet", bytes);
        Assert.Contains($"the footer length {int.MaxValue} does not fit in the file ({bytes.Length} bytes)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vector_column_of_mixed_lengths_names_the_row()
    {
        var ex = Fail("mixed.parquet", ParquetBytes.Build(ListLayout.TwoLevel, "vec", [[1, 2, 3], [4, 5, 6], [7, 8]], ["x", "y", "z"]));
        Assert.Contains("column 'vec', row 3 (row group 1): the vectors have mixed lengths: this row has 2 values, row 1 has 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_vector_and_null_element_name_the_row()
    {
        var nullRow = Fail("null.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2], null], ["x", "y"]));
        Assert.Contains("column 'vec', row 2 (row group 1): the vector is null", nullRow.Message, StringComparison.Ordinal);
        var nullValue = Fail("hole.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2], [3, null]], ["x", "y"]));
        Assert.Contains("column 'vec', row 2 (row group 1): value 2 of the vector is null", nullValue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_vector_column_lists_the_columns_and_suggests_columns()
    {
        using var dir = new TempDir();
        var path = dir.File("scalars.parquet");
        ParquetFiles.NumericColumns(path, 2);
        var ex = Assert.Throws<DataFormatException>(() => ParquetDatasetReader.Read(path, ReadOptions.Default));
        Assert.Contains("columns: a (float), b (int32), c (double), name (string)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(RemedyOption.Columns, ex.Remedy?.Option);
        var text = Assert.Throws<DataFormatException>(() => ParquetDatasetReader.Read(path, ReadOptions.Default with { CsvColumns = "." }));
        Assert.Contains("column 'name' (string), chosen by the column selection", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_chunk_claiming_bytes_beyond_the_file()
    {
        var ex = Fail("claim.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2]], ["x"], claimedVectorBytes: 1L << 40));
        Assert.Contains("column 'vec.list.element', row group 1 claims 1099511627776 bytes at byte 4, beyond the end of the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_count_the_file_cannot_hold_is_refused_before_allocating()
    {
        var ex = Fail("rows.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2]], ["x"], claimedRows: 1L << 30));
        Assert.Contains("row group 1 declares 1073741824 rows, more than a file of", ex.Message, StringComparison.Ordinal);
        var huge = Fail("huge.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2]], ["x"], claimedRows: 1L << 40));
        Assert.Contains("row group 1 declares 1099511627776 rows", huge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_files_fail_only_with_one_line_errors()
    {
        using var dir = new TempDir();
        var random = new Random(5);
        for (var round = 0; round < 120; round++)
        {
            var bytes = (byte[])Good.Clone();
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

            var path = dir.Write($"{round}.parquet", bytes);
            try
            {
                using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default);
            }
            catch (DataFormatException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
                Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
            }
        }
    }

    private static DataFormatException Fail(string name, byte[] bytes)
    {
        using var dir = new TempDir();
        var path = dir.Write(name, bytes);
        var ex = Assert.Throws<DataFormatException>(() => ParquetDatasetReader.Read(path, ReadOptions.Default));
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }
}
