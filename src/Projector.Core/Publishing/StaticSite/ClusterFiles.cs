using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Projections;
using Projector.Core.Quality;

namespace Projector.Core.Publishing.StaticSite;

/// <summary>
/// A layout's clusters in a static site: <c>clusters-{method}.json</c> (the clusters and their names, the
/// same fields as the server's <c>GET /api/projections/{id}/clusters</c>) and <c>clusters-{method}.i32</c>
/// (each point's cluster, N little-endian int32, −1 for noise).
/// </summary>
internal static class ClusterFiles
{
    /// <summary>Writes the two files; returns the JSON file's name.</summary>
    public static string Write(string dir, ComputedLayout layout, MetadataTable metadata, ClusterOptions options, CancellationToken ct)
    {
        var method = ProjectionRecipe.NameOf(layout.Method);
        // PCA keeps ten components; its map is the first two, as the page first shows it.
        var dims = layout.Dimensions <= 3 ? layout.Dimensions : 2;
        var result = LayoutClusters.Find(layout.FirstColumns(dims), dims, metadata, options, null, ct);
        var points = $"clusters-{method}.i32";
        AtomicFile.Write(Path.Combine(dir, points), s => s.Write(MemoryMarshal.AsBytes(result.Assignments.AsSpan())));
        var file = $"clusters-{method}.json";
        SiteJson.Write(Path.Combine(dir, file), w => Json(w, result, dims, points));
        return file;
    }

    /// <summary>The clusters as JSON.</summary>
    public static void Json(Utf8JsonWriter w, ClusterResult result, int dims, string? pointsFile)
    {
        w.WriteStartObject();
        w.WriteNumber("points", result.Assignments.Length);
        w.WriteNumber("dimensions", dims);
        w.WriteNumber("minClusterSize", result.MinClusterSize);
        w.WriteNumber("minSamples", result.MinSamples);
        w.WriteNumber("noise", result.Noise);
        if (pointsFile is not null)
        {
            w.WriteString("file", pointsFile);
        }

        w.WriteStartArray("clusters");
        foreach (var c in result.Clusters)
        {
            w.WriteStartObject();
            w.WriteNumber("id", c.Id);
            w.WriteNumber("size", c.Size);
            w.WriteNumber("medoid", c.Medoid);
            w.WriteStartArray("center");
            foreach (var v in c.Center)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
            w.WriteString("label", c.Label);
            w.WriteStartArray("terms");
            foreach (var t in c.Terms)
            {
                w.WriteStartObject();
                w.WriteString("column", t.Column);
                w.WriteString("text", t.Text);
                w.WriteNumber("score", Math.Round(t.Score, 4));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
