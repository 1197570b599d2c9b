using Projector.Core.Data;
using Projector.Core.Formats.Metadata;

namespace Projector.Core.Tests.Formats.Metadata;

public sealed class MetadataTsvReaderTests
{
    [Fact]
    public void Single_column_has_no_header_and_is_named_label()
    {
        using var dir = new TempDir();
        var t = MetadataTsvReader.Read(dir.Write("m.tsv", "7\n3\n7\n"));
        Assert.Equal(3, t.Rows);
        Assert.Equal(MetadataKind.Number, t["label"]!.Kind);
        Assert.Equal(2, t["label"]!.DistinctCount);
    }

    [Fact]
    public void Multi_column_takes_the_first_line_as_header_with_missing_cells()
    {
        using var dir = new TempDir();
        var t = MetadataTsvReader.Read(dir.Write("m.tsv", "\uFEFFname\tsize\r\na\t1\r\nb\r\n"));
        Assert.Equal(["name", "size"], t.Columns.Select(c => c.Name));
        Assert.Null(t["size"]![1]);
        Assert.Equal(MetadataKind.Number, t["size"]!.Kind);
    }

    [Fact]
    public void ReadFor_gives_the_TF_error_for_a_header_in_single_column_data()
    {
        using var dir = new TempDir();
        var path = dir.Write("m.tsv", "label\na\nb\n");
        var e = Assert.Throws<DataFormatException>(() => MetadataTsvReader.ReadFor(path, 2, new List<string>()));
        Assert.Contains("Number of tensors (2) do not match the number of lines in metadata (3). Single column metadata should not have a header row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFor_gives_the_TF_error_for_multi_column_data_without_header()
    {
        using var dir = new TempDir();
        var path = dir.Write("m.tsv", "a\t1\nb\t2\n");
        var e = Assert.Throws<DataFormatException>(() => MetadataTsvReader.ReadFor(path, 2, new List<string>()));
        Assert.Contains("Multi-column metadata should have a header row with column labels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFor_warns_and_truncates_or_pads_other_mismatches()
    {
        using var dir = new TempDir();
        var path = dir.Write("m.tsv", "a\nb\nc\nd\n");
        var warnings = new List<string>();
        Assert.Equal(2, MetadataTsvReader.ReadFor(path, 2, warnings).Rows);
        Assert.Contains("Using the first 2 rows", Assert.Single(warnings), StringComparison.Ordinal);
        var padded = MetadataTsvReader.ReadFor(path, 6, warnings);
        Assert.Equal(6, padded.Rows);
        Assert.Null(padded["label"]![5]);
    }

    [Fact]
    public void Writer_round_trips_single_and_multi_column_tables()
    {
        using var dir = new TempDir();
        var single = new MetadataTable(2, [new MetadataColumn("label", ["x", "y"])]);
        MetadataTsvWriter.Write(dir.File("s.tsv"), single);
        Assert.Equal("x\ny\n", File.ReadAllText(dir.File("s.tsv")));
        var multi = new MetadataTable(2, [new MetadataColumn("w", ["a\tb", null]), new MetadataColumn("n", ["1", "2"])]);
        MetadataTsvWriter.Write(dir.File("m.tsv"), multi);
        var back = MetadataTsvReader.Read(dir.File("m.tsv"));
        Assert.Equal(["a b", null], back["w"]!.Values);
        Assert.Equal(MetadataKind.Number, back["n"]!.Kind);
    }

    [Fact]
    public void Lines_that_javascript_trims_to_nothing_are_skipped_wherever_they_are_as_the_tf_page_does()
    {
        using var dir = new TempDir();
        // No-break space, BOM, line separator, ideographic space: JavaScript's trim() removes them all.
        var t = MetadataTsvReader.Read(dir.Write("m.tsv", "a\n\u00A0\nb\n \t\n\uFEFF\u2028\nc\n\u3000\n"));
        Assert.Equal(3, t.Rows);
        Assert.Equal(["a", "b", "c"], t.Columns[0].Values);
        Assert.Equal(" x ", MetadataTsvReader.Read(dir.Write("s.tsv", " x \n")).Columns[0][0]);
        Assert.Equal(string.Empty, MetadataTsvReader.JsTrim("\u00A0\uFEFF\u2029\u205F"));
        Assert.Equal("\u0085", MetadataTsvReader.JsTrim("\u0085"));
    }
}
