using Parquet;
using Parquet.Schema;

namespace Projector.Core.Tests.Formats.Parquet;

/// <summary>Parquet files built with Parquet.Net's low-level column API, laid out as other producers (pyarrow, pandas) write them.</summary>
internal static class ParquetFiles
{
    /// <summary>
    /// pyarrow's layout: <c>optional group embedding (LIST) { repeated group list { optional float element } }</c>,
    /// one row group per entry of <paramref name="groups"/>, plus a nullable string column <c>label</c>.
    /// </summary>
    public static void PyarrowStyle(string path, float[][][] groups, string?[][] labels)
    {
        var element = new DataField<float>("element", true);
        var label = new DataField<string>("label", true);
        Write(path, new ParquetSchema(new ListField("embedding", element), label), async writer =>
        {
            for (var g = 0; g < groups.Length; g++)
            {
                using var group = writer.CreateRowGroup();
                var values = groups[g].SelectMany(r => r).ToArray();
                var reps = groups[g].SelectMany(r => r.Select((_, i) => i == 0 ? 0 : 1)).ToArray();
                var defs = Enumerable.Repeat(element.MaxDefinitionLevel, values.Length).ToArray();
                await group.WriteAllPartsAsync<float>(element, values, defs, reps, default);
                await group.WriteAsync(label, labels[g]!, null);
            }
        });
    }

    /// <summary>Scalar columns only: <c>a</c> float, <c>b</c> int32, <c>c</c> double, <c>name</c> string.</summary>
    public static void NumericColumns(string path, int rows)
    {
        var a = new DataField<float>("a", false);
        var b = new DataField<int>("b", false);
        var c = new DataField<double>("c", true);
        var name = new DataField<string>("name", true);
        Write(path, new ParquetSchema(a, b, c, name), async writer =>
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<float>(a, Enumerable.Range(0, rows).Select(i => (float)i).ToArray(), null, null, default);
            await group.WriteAsync<int>(b, Enumerable.Range(0, rows).Select(i => i * 10).ToArray(), null, null, default);
            await group.WriteAsync<double>(c, Enumerable.Range(0, rows).Select(i => (double?)(i + 0.5)).ToArray(), null, null, default);
            await group.WriteAsync(name, Enumerable.Range(0, rows).Select(i => $"p{i}").ToArray(), null);
        });
    }

    /// <summary>A vector column plus typed metadata: bool, timestamp, int64 with a null, and a PNG binary column.</summary>
    public static void TypedMetadata(string path, byte[][] images)
    {
        var element = new DataField<double>("element", false);
        var flag = new DataField<bool>("flag", true);
        var when = new DataField<DateTime>("when", true);
        var count = new DataField<long>("count", true);
        var image = new DataField<byte[]>("thumbnail", true);
        Write(path, new ParquetSchema(new ListField("vec", element), flag, when, count, image), async writer =>
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAllPartsAsync<double>(element, new double[] { 1, 2, 3, 4 }, new[] { 3, 3, 3, 3 }.Select(_ => element.MaxDefinitionLevel).ToArray(), new[] { 0, 1, 0, 1 }, default);
            await group.WriteAsync<bool>(flag, new bool?[] { true, false }, null, null, default);
            await group.WriteAsync<DateTime>(when, new DateTime?[] { new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), null }, null, null, default);
            await group.WriteAsync<long>(count, new long?[] { null, 9_007_199_254_740_993 }, null, null, default);
            await group.WriteAsync(image, images, null);
        });
    }

    private static void Write(string path, ParquetSchema schema, Func<ParquetWriter, Task> body)
    {
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(schema, stream).GetAwaiter().GetResult();
        try
        {
            body(writer).GetAwaiter().GetResult();
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
