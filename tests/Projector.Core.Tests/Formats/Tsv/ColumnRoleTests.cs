using Projector.Core.Formats;
using Projector.Core.Formats.Csv;
using Projector.Core.Formats.Tsv;

namespace Projector.Core.Tests.Formats.Tsv;

/// <summary>One malformed cell must not silently change what a whole column is.</summary>
public sealed class ColumnRoleTests
{
    [Fact]
    public void A_decimal_comma_in_the_first_cell_of_a_tsv_is_an_error_naming_it_not_a_label_column()
    {
        using var dir = new TempDir();
        var lines = new[] { "1,5\t2\t3" }.Concat(Enumerable.Range(0, 20).Select(i => $"{i}.5\t{i}\t{i + 1}"));
        var e = Assert.Throws<DataFormatException>(() => TsvVectorReader.Read(dir.Write("v.tsv", string.Join('\n', lines) + "\n"), ReadOptions.Default));
        Assert.Contains("v.tsv:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains("'1,5'", e.Message, StringComparison.Ordinal);

        // A real label column stays one.
        using var words = TsvVectorReader.Read(dir.Write("w.tsv", "king\t1\t2\nqueen\t3\t4\nman\t5\t6\n"), ReadOptions.Default);
        Assert.Equal(2, words.Dimensions);
        Assert.Equal("queen", words.Metadata.Columns[0][1]);
    }

    [Fact]
    public void A_typo_in_a_numeric_csv_column_is_an_error_naming_the_line_and_the_cell()
    {
        using var dir = new TempDir();
        var rows = Enumerable.Range(0, 30).Select(i => i == 17 ? $"w{i},0.12x,{i}" : $"w{i},{i * 0.5},{i}");
        var e = Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(dir.Write("v.csv", "word,a,b\n" + string.Join('\n', rows) + "\n"), ReadOptions.Default));
        Assert.Contains("v.csv:19:", e.Message, StringComparison.Ordinal);
        Assert.Contains("column 'a' holds '0.12x'", e.Message, StringComparison.Ordinal);
        Assert.Equal(RemedyOption.Columns, e.Remedy?.Option);

        // Chosen columns are the user's word; a text column stays metadata.
        using var chosen = CsvVectorReader.Read(dir.File("v.csv"), new ReadOptions { CsvColumns = "^b$" });
        Assert.Equal(1, chosen.Dimensions);
        using var clean = CsvVectorReader.Read(dir.Write("c.csv", "word,a,b\nx,1,2\ny,3,4\n"), ReadOptions.Default);
        Assert.Equal(2, clean.Dimensions);
    }
}
