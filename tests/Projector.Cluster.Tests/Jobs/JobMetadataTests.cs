using System.Globalization;
using System.Text;
using Projector.Cluster.Grains;
using Projector.Cluster.Jobs;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Formats.Metadata;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Tests.Jobs;

public sealed class JobMetadataTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "projector-cluster-tests", Guid.NewGuid().ToString("N"));

    public JobMetadataTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, int> Files => new()
    {
        // name, content, points
        { "header", "label\tscore\tword\tx\n" + Rows(3000, r => $"c{r % 7}\t{(r * 0.37).ToString(CultureInfo.InvariantCulture)}\tw{r}\t{r % 3}"), 3000 },
        { "single column", Rows(2500, r => $"c{r % 11}"), 2500 },
        { "blank lines, CRLF, short rows and a BOM", "\uFEFFa\tb\tc\r\n\r\n" + Rows(1200, r => r % 5 == 0 ? $"v{r % 4}" : r % 9 == 0 ? "\t\t" : $"v{r % 4}\t{r}\tt{r}\textra").Replace("\n", "\r\n", StringComparison.Ordinal) + "\n  \n", 1200 },
        { "fewer rows than points", "a\tb\n" + Rows(900, r => $"{r % 3}\tn{r}"), 1000 },
        { "more rows than points", "a\tb\n" + Rows(1100, r => $"{r % 3}\tn{r}"), 1000 },
        { "numbers with a dictionary", "n\tm\n" + Rows(2000, r => $"{r % 10}.5\t{r}"), 2000 },
        { "spans several offsets", "label\tid\n" + Rows(ClusterJob.MetadataStride + 3000, r => $"c{r % 13}\tid-{r}"), ClusterJob.MetadataStride + 3000 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_streamed_plan_and_every_shards_values_are_those_of_the_table_read_whole(string name, string content, int points)
    {
        var path = Path.Combine(_folder, name.Replace(' ', '-').Replace(',', '_') + ".tsv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        var expectedWarnings = new List<string>();
        var table = MetadataTsvReader.ReadFor(path, points, expectedWarnings);
        var expected = TileColumns.From(table, null, "_value");

        var warnings = new List<string>();
        var plan = JobMetadata.Plan(path, MetadataTable.Empty(points), points, warnings);

        Assert.Equal(expectedWarnings, warnings);
        Assert.Equal(expected.Carried.Select(c => Describe(c.Column)), plan.Columns.Select(c => Describe(c.ToTile())));
        var job = plan.ApplyTo(Job(points));
        // Shards that start inside, at and across the offsets' blocks, and one past the file's end.
        foreach (var (start, count) in new[] { (0, points), (0, 1), (points / 3, points / 4), (points - 7, 7), (Math.Max(0, points - 150), 150) })
        {
            var values = JobMetadata.Read(job, path, MetadataTable.Empty(points), start, count, TestContext.Current.CancellationToken);
            for (var c = 0; c < values.Count; c++)
            {
                var carried = expected.Carried[c];
                for (var r = 0; r < count; r++)
                {
                    Assert.Equal(Value(carried, start + r), Value(values[c], r));
                }
            }
        }
    }

    [Fact]
    public void A_header_line_in_single_column_metadata_is_the_tf_projectors_error()
    {
        var path = Path.Combine(_folder, "single.tsv");
        File.WriteAllText(path, "label\n" + Rows(10, r => $"c{r}"));
        var e = Assert.Throws<DataFormatException>(() => JobMetadata.Plan(path, MetadataTable.Empty(10), 10, new List<string>()));
        Assert.Contains("should not have a header row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_inputs_own_columns_come_first_unless_the_tsv_has_one_of_that_name()
    {
        var path = Path.Combine(_folder, "meta.tsv");
        File.WriteAllText(path, "word\tlabel\n" + Rows(50, r => $"tsv{r}\tl{r % 2}"));
        var embedded = new MetadataTable(50, [new MetadataColumn("word", [.. Enumerable.Range(0, 50).Select(r => "input" + r)]), new MetadataColumn("kind", [.. Enumerable.Range(0, 50).Select(r => r % 2 == 0 ? "even" : "odd")])]);

        var job = JobMetadata.Plan(path, embedded, 50, new List<string>()).ApplyTo(Job(50));

        Assert.Equal(["kind", "word", "label"], job.Columns.Select(c => c.Source));
        Assert.Equal([-1, 0, 1], job.Columns.Select(c => c.Cell));
        var values = JobMetadata.Read(job, path, embedded, 10, 5, TestContext.Current.CancellationToken);
        Assert.Equal(["even", "odd", "even", "odd", "even"], values[0].Codes.Select(c => values[0].Column.Values![c]));
        Assert.Equal("tsv10", values[1].Column.Values![values[1].Codes[0]]);
    }

    [Fact]
    public void A_value_the_job_was_not_planned_with_is_one_line_naming_the_file_and_row()
    {
        var path = Path.Combine(_folder, "changing.tsv");
        File.WriteAllText(path, "label\tn\n" + Rows(100, r => $"c{r % 3}\t{r}"));
        var job = JobMetadata.Plan(path, MetadataTable.Empty(100), 100, new List<string>()).ApplyTo(Job(100));
        File.WriteAllText(path, "label\tn\n" + Rows(100, r => r == 42 ? "new\t42" : $"c{r % 3}\t{r}"));

        var e = Assert.Throws<DataFormatException>(() => JobMetadata.Read(job, path, MetadataTable.Empty(100), 0, 100, TestContext.Current.CancellationToken));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("row 43", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_groups_read_as_a_stream_choose_the_sample_the_labels_in_memory_choose()
    {
        var path = Path.Combine(_folder, "groups.tsv");
        File.WriteAllText(path, "label\tn\n" + Rows(5000, r => r % 17 == 0 ? "\t" + r : $"c{(r * 7) % 5}\t{r}"));
        var table = MetadataTsvReader.ReadFor(path, 5000, new List<string>());
        var job = JobMetadata.Plan(path, MetadataTable.Empty(5000), 5000, new List<string>()).ApplyTo(Job(5000));

        var groups = JobMetadata.Groups(job, path, MetadataTable.Empty(5000), "label", TestContext.Current.CancellationToken);

        Assert.NotNull(groups);
        Assert.Equal(SampleSelection.Choose(5000, table["label"]!.Values, 300, 9), SampleSelection.Choose(groups, 300, 9));
        Assert.Null(JobMetadata.Groups(Job(5000), null, MetadataTable.Empty(5000), null, TestContext.Current.CancellationToken));
    }

    private static ClusterJob Job(int rows) => new() { JobId = "j", InputName = "in.npy", Method = "umap", Rows = rows, Dimensions = 2 };

    private static string Rows(int count, Func<int, string> row) => string.Concat(Enumerable.Range(0, count).Select(r => row(r) + "\n"));

    private static string Describe(TileColumn c) =>
        $"{c.Name} {c.Type} [{string.Join("|", c.Values ?? [])}] {c.Min?.ToString("R", CultureInfo.InvariantCulture)} {c.Max?.ToString("R", CultureInfo.InvariantCulture)}";

    // A value as the tile stores it, from the table read whole...
    private static string? Value(TileColumns.CarriedColumn c, int row) => c.Column.Type switch
    {
        TileColumnType.Dictionary => c.Codes![row] < 0 ? null : c.Column.Values![c.Codes[row]],
        TileColumnType.Float64 => c.Source![row] is null ? null : c.Source.Numbers[row].ToString("R", CultureInfo.InvariantCulture),
        _ => c.Source![row],
    };

    // ... and from a shard's values.
    private static string? Value(TileColumnValues v, int i) => v.Column.Type switch
    {
        TileColumnType.Dictionary => v.Codes[i] < 0 ? null : v.Column.Values![v.Codes[i]],
        TileColumnType.Float64 => v.Missing[i] ? null : v.Numbers[i].ToString("R", CultureInfo.InvariantCulture),
        _ => v.Texts[i],
    };
}
