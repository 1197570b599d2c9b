using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Server.Catalog;
using Projector.Server.Contracts;
using Projector.Server.Jobs;
using Projector.Server.Work;

namespace Projector.Server.Endpoints;

/// <summary>
/// Nearest neighbours of a point, of the point a metadata value names, or of a literal vector. A point's
/// neighbours come from a kept exact kNN graph when a projection made one (no computation); otherwise the
/// search runs on the <see cref="WorkPool"/>, one thread per request, and a full queue is a 503.
/// </summary>
internal static class NeighborEndpoints
{
    /// <summary>The most neighbours one request may ask for.</summary>
    public const int MaxK = 1000;

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/datasets/{id}/neighbors", Neighbors)
            .WithTags("Neighbours")
            .WithSummary("The k nearest points, nearest first, the point itself left out")
            .AnswersBusy();
    }

    private static async Task<NeighborsAnswer> Neighbors(string id, int? point, string? query, int? k, string? metric, ServerState s, WorkPool pool, HttpContext context)
    {
        var entry = s.Catalog.Get(id);
        // A loaded dataset whose graph holds the answer needs no worker; anything else (reading the
        // dataset, scanning it) goes to the pool.
        if (entry.IsLoaded && Answer(entry, point, query, k, metric, s.Jobs.Inputs, compute: false, CancellationToken.None) is { } kept)
        {
            return kept;
        }

        return await pool.RunAsync(ct => Answer(entry, point, query, k, metric, s.Jobs.Inputs, compute: true, ct)!, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The answer, or null when it needs a search and <paramref name="compute"/> is false.</summary>
    private static NeighborsAnswer? Answer(CatalogEntry entry, int? point, string? query, int? k, string? metric, ProjectionInputs inputs, bool compute, CancellationToken ct)
    {
        var dataset = entry.Dataset;
        var count = k ?? 10;
        if (count < 1 || count > MaxK || count >= dataset.Points)
        {
            throw ApiProblem.BadRequest($"k must be between 1 and {Math.Min(MaxK, dataset.Points - 1)}, not {count}.");
        }

        var m = metric?.ToLowerInvariant() switch
        {
            null or "" or "cosine" => Metric.Cosine,
            "euclidean" => Metric.Euclidean,
            _ => throw ApiProblem.BadRequest($"The metric '{metric}' is not cosine or euclidean."),
        };
        var name = m.ToString().ToLowerInvariant();
        if (point is { } row)
        {
            if (row < 0 || row >= dataset.Points)
            {
                throw ApiProblem.BadRequest($"The point {row} is outside 0..{dataset.Points - 1}.");
            }

            if (inputs.FindExactGraph(entry.Id, m, count) is { } graph && graph.Points == dataset.Points)
            {
                var indices = graph.Indices(row);
                var distances = graph.Distances(row);
                var items = new NeighborItem[count];
                for (var j = 0; j < count; j++)
                {
                    items[j] = new NeighborItem(indices[j], distances[j]);
                }

                return new NeighborsAnswer(row, name, items);
            }

            if (!compute)
            {
                return null;
            }

            var found = NeighborSearch.QueryRow(dataset.Matrix, row, count, m, threads: 1, ct);
            return new NeighborsAnswer(row, name, Items(found));
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            throw ApiProblem.BadRequest("Give point=I or query=TEXT.");
        }

        if (!compute)
        {
            return null;
        }

        var (vector, matched) = Target(dataset, query, ct);
        var result = NeighborSearch.Query(dataset.Matrix, vector, count, m, matched ?? -1, threads: 1, ct);
        return new NeighborsAnswer(matched, name, Items(result));
    }

    private static NeighborItem[] Items(Neighbor[] found) => Array.ConvertAll(found, n => new NeighborItem(n.Index, n.Distance));

    private static (float[] Vector, int? Row) Target(Dataset dataset, string query, CancellationToken ct)
    {
        var parts = query.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == dataset.Dimensions && parts.All(IsNumber))
        {
            return ([.. parts.Select(p => float.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture))], null);
        }

        foreach (var column in dataset.Metadata.Columns)
        {
            ct.ThrowIfCancellationRequested();
            for (var r = 0; r < column.Count; r++)
            {
                if (string.Equals(column[r], query, StringComparison.OrdinalIgnoreCase))
                {
                    return (dataset.Matrix.Row(r).ToArray(), r);
                }
            }
        }

        throw ApiProblem.NotFound($"No point has the metadata value '{query}', and it is not a {dataset.Dimensions}-d vector.");
    }

    private static bool IsNumber(string text) => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
