using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Server.Contracts;

namespace Projector.Server.Endpoints;

/// <summary>Nearest neighbours of a point, of the point a metadata value names, or of a literal vector.</summary>
internal static class NeighborEndpoints
{
    /// <summary>The most neighbours one request may ask for.</summary>
    public const int MaxK = 1000;

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/datasets/{id}/neighbors", Neighbors)
            .WithTags("Neighbours")
            .WithSummary("The k nearest points, nearest first, the point itself left out");
    }

    private static async Task<NeighborsAnswer> Neighbors(string id, int? point, string? query, int? k, string? metric, ServerState s)
    {
        var dataset = s.Catalog.Get(id).Dataset;
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

            var found = await Task.Run(() => NeighborSearch.QueryRow(dataset.Matrix, row, count, m)).ConfigureAwait(false);
            return new NeighborsAnswer(row, name, [.. found.Select(n => new NeighborItem(n.Index, n.Distance))]);
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            throw ApiProblem.BadRequest("Give point=I or query=TEXT.");
        }

        var (vector, matched) = Target(dataset, query);
        var result = await Task.Run(() => NeighborSearch.Query(dataset.Matrix, vector, count, m, matched ?? -1)).ConfigureAwait(false);
        return new NeighborsAnswer(matched, name, [.. result.Select(n => new NeighborItem(n.Index, n.Distance))]);
    }

    private static (float[] Vector, int? Row) Target(Dataset dataset, string query)
    {
        var parts = query.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == dataset.Dimensions && parts.All(IsNumber))
        {
            return ([.. parts.Select(p => float.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture))], null);
        }

        foreach (var column in dataset.Metadata.Columns)
        {
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
