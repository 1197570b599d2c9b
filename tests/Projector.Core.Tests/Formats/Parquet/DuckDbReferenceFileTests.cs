using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Parquet;

namespace Projector.Core.Tests.Formats.Parquet;

/// <summary>Files written by DuckDB (an independent Parquet writer) with make-duckdb-fixtures.mjs, committed under TestData.</summary>
public sealed class DuckDbReferenceFileTests
{
    private static readonly float[] Expected = [0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f];

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Formats", "Parquet", "TestData", name);

    [Fact]
    public void Reads_a_float_list_over_two_zstd_row_groups_with_typed_metadata()
    {
        using var ds = ParquetDatasetReader.Read(Data("duckdb_list.parquet"), ReadOptions.Default);
        Assert.Equal(Expected, ds.Matrix.ToArray());
        Assert.Equal(["1", "2", "3"], ds.Metadata["id"]!.Values);
        Assert.Equal(["alpha", "beta", null], ds.Metadata["name"]!.Values);
        Assert.Equal(["true", "false", null], ds.Metadata["flag"]!.Values);
        Assert.Equal(["2024-05-06T07:08:09", null, "2024-05-08T00:00:00"], ds.Metadata["ts"]!.Values);
        Assert.Equal(["2024-05-06", "2024-05-07", null], ds.Metadata["day"]!.Values);
        Assert.Equal(["9007199254740993", null, "-1"], ds.Metadata["big"]!.Values);
        Assert.Equal(MetadataKind.Number, ds.Metadata["big"]!.Kind);
    }

    [Fact]
    public void Reads_a_fixed_size_double_array_written_as_a_list()
    {
        using var ds = ParquetDatasetReader.Read(Data("duckdb_array_f64.parquet"), ReadOptions.Default);
        Assert.Equal("float64", ds.SourceDType);
        Assert.Equal(Expected, ds.Matrix.ToArray());
    }

    [Fact]
    public void Builds_vectors_from_numeric_columns()
    {
        using var ds = ParquetDatasetReader.Read(Data("duckdb_columns.parquet"), ReadOptions.Default with { CsvColumns = "1..3" });
        Assert.Equal(new float[] { 0.5f, 1.5f, 1, 2.5f, 3.5f, 2, 4.5f, 5.5f, 3 }, ds.Matrix.ToArray());
        Assert.Equal(["name"], ds.Metadata.Columns.Select(c => c.Name));
    }
}
