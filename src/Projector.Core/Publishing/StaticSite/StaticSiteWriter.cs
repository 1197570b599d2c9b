using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Bytes;
using Projector.Core.Neighbors;
using Projector.Core.Projections;

namespace Projector.Core.Publishing.StaticSite;

/// <summary>
/// Writes a static site's data as docs/api.md's "Static site layout" describes: <c>site.json</c>,
/// <c>data/datasets.json</c> and per dataset the matrix, metadata, sprite, bookmarks, precomputed layouts and
/// kNN lists, plus the page's own files. The page reads these files where it would otherwise call the server.
/// </summary>
internal static class StaticSiteWriter
{
    /// <summary>The file the page looks for beside its <c>index.html</c>.</summary>
    public const string SiteFileName = "site.json";

    /// <summary>Writes the site into <paramref name="folder"/> (normally the temporary folder of an <see cref="Export.ExportFolder"/>).</summary>
    public static void Write(string folder, IReadOnlyList<Dataset> datasets, StaticSiteOptions options, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PageFolder is { } page)
        {
            CopyPage(page, folder, cancellationToken);
        }

        var ids = DatasetIds.Assign(datasets);
        for (var i = 0; i < datasets.Count; i++)
        {
            WriteDataset(Path.Combine(folder, "data", ids[i]), ids[i], datasets[i], options, progress, cancellationToken);
        }

        SiteJson.Write(Path.Combine(folder, "data", "datasets.json"), w =>
        {
            w.WriteStartArray();
            for (var i = 0; i < datasets.Count; i++)
            {
                SiteJson.CatalogItem(w, ids[i], datasets[i]);
            }

            w.WriteEndArray();
        });
        SiteJson.Write(Path.Combine(folder, SiteFileName), w =>
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteString("generator", "projector");
            w.WriteString("datasets", "data/datasets.json");
            w.WriteEndObject();
        });
    }

    /// <summary>The bytes a kNN chunk holds at most: a point's lists come in one small request, not the whole graph.</summary>
    public const int NeighborChunkBytes = 256 * 1024;

    /// <summary>
    /// The folder of a kNN graph's chunks, <c>neighbors-{metric}-k{K}</c>: chunk <c>c.bin</c> holds rows
    /// <c>c·R</c> to <c>(c+1)·R − 1</c> (<see cref="NeighborChunkRows"/>), int32 rows x K indices then float32 rows x K distances.
    /// </summary>
    public static string NeighborsFolderName(Metric metric, int k) =>
        FormattableString.Invariant($"neighbors-{metric.ToString().ToLowerInvariant()}-k{k}");

    /// <summary>Rows per kNN chunk for <paramref name="k"/> neighbours: as many as fit <see cref="NeighborChunkBytes"/>, at least one.</summary>
    public static int NeighborChunkRows(int k) => Math.Max(1, NeighborChunkBytes / (Math.Max(1, k) * 8));

    private static void WriteDataset(string dir, string id, Dataset d, StaticSiteOptions options, IProgress<StageProgress>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        BytesWriter.Write(Path.Combine(dir, "matrix.f32"), d.Matrix, ct);
        SiteJson.Write(Path.Combine(dir, "metadata.json"), w => MetadataJson.Write(w, d.Metadata), indented: false);
        if (d.Sprite is { } sprite)
        {
            SpriteWriter.Write(Path.Combine(dir, "sprite.png"), sprite);
        }

        SiteJson.Write(Path.Combine(dir, "bookmarks.json"), w => SiteJson.Bookmarks(w, d));
        WriteLayouts(dir, id, d, options, progress, ct);
        WriteNeighbors(dir, id, d, options, progress, ct);
    }

    private static void WriteLayouts(string dir, string id, Dataset d, StaticSiteOptions options, IProgress<StageProgress>? progress, CancellationToken ct)
    {
        var layouts = new List<(ComputedLayout Layout, string File, string? Clusters)>();
        if (d.Points >= 2)
        {
            foreach (var method in options.Layouts.Distinct())
            {
                var layout = (options.Recipe with { Method = method }).Compute(d.Matrix, null, StageReporting.Prefixed(progress, $"{id}: "), ct);
                var file = $"layout-{ProjectionRecipe.NameOf(method)}.f32";
                WriteFloats(Path.Combine(dir, file), layout.Positions);
                var clusters = options.Clusters is { } clusterOptions ? ClusterFiles.Write(dir, layout, d.Metadata, clusterOptions, ct) : null;
                layouts.Add((layout, file, clusters));
            }
        }

        SiteJson.Write(Path.Combine(dir, "layouts.json"), w =>
        {
            w.WriteStartArray();
            foreach (var (layout, file, clusters) in layouts)
            {
                w.WriteStartObject();
                w.WriteString("method", ProjectionRecipe.NameOf(layout.Method));
                w.WriteNumber("dims", layout.Dimensions);
                w.WriteStartObject("options");
                foreach (var (name, value) in layout.Options.Where(o => o.Key is not ("method" or "seed")))
                {
                    WriteValue(w, name, value);
                }

                w.WriteEndObject();
                w.WriteNumber("seed", options.Recipe.Seed);
                w.WriteString("file", file);
                if (clusters is not null)
                {
                    w.WriteString("clusters", clusters);
                }

                if (layout.ExplainedVariance is { } variance)
                {
                    w.WriteStartArray("explainedVariance");
                    foreach (var v in variance)
                    {
                        w.WriteNumberValue(v);
                    }

                    w.WriteEndArray();
                }
                else
                {
                    w.WriteNull("explainedVariance");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static void WriteNeighbors(string dir, string id, Dataset d, StaticSiteOptions options, IProgress<StageProgress>? progress, CancellationToken ct)
    {
        var k = Math.Min(options.Neighbors, d.Points - 1);
        var metric = options.NeighborMetric;
        string? file = null;
        var rows = 0;
        if (k > 0)
        {
            var graph = NeighborSearch.BuildGraph(d.Matrix, k, metric, NeighborOptions.Default with { Seed = options.Recipe.Seed }, StageReporting.For(progress, $"{id}: {k} neighbours"), ct);
            k = graph.K;
            file = NeighborsFolderName(metric, k);
            rows = NeighborChunkRows(k);
            var folder = Path.Combine(dir, file);
            Directory.CreateDirectory(folder);
            var indices = graph.AllIndices;
            var distances = graph.AllDistances;
            for (var (chunk, first) = (0, 0); first < d.Points; chunk++, first += rows)
            {
                ct.ThrowIfCancellationRequested();
                var (from, count) = (first * k, Math.Min(rows, d.Points - first) * k);
                AtomicFile.Write(Path.Combine(folder, FormattableString.Invariant($"{chunk}.bin")), s =>
                {
                    s.Write(MemoryMarshal.AsBytes(indices.AsSpan(from, count)));
                    s.Write(MemoryMarshal.AsBytes(distances.AsSpan(from, count)));
                });
            }
        }

        SiteJson.Write(Path.Combine(dir, "neighbors.json"), w =>
        {
            w.WriteStartArray();
            if (file is not null)
            {
                w.WriteStartObject();
                w.WriteString("metric", metric.ToString().ToLowerInvariant());
                w.WriteNumber("k", k);
                w.WriteString("file", file);
                w.WriteNumber("chunkRows", rows);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static void WriteFloats(string path, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing float32 needs a little-endian machine.");
        }

        AtomicFile.Write(path, s => s.Write(MemoryMarshal.AsBytes(values.AsSpan())));
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNull(name);
                break;
            case string s:
                w.WriteString(name, s);
                break;
            case int i:
                w.WriteNumber(name, i);
                break;
            case double x:
                w.WriteNumber(name, x);
                break;
            case bool b:
                w.WriteBoolean(name, b);
                break;
            default:
                w.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void CopyPage(string page, string folder, CancellationToken ct)
    {
        if (!Directory.Exists(page))
        {
            throw new DataFormatException(page, "the page's folder does not exist", "Build the project (dotnet build) so the web page is in place");
        }

        foreach (var file in Directory.EnumerateFiles(page, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.Combine(folder, Path.GetRelativePath(page, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
