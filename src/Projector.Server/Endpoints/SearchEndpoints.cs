using System.Text.RegularExpressions;
using Projector.Server.Contracts;

namespace Projector.Server.Endpoints;

/// <summary>Rows whose metadata value matches a regular expression or contains a text, case-insensitive.</summary>
internal static class SearchEndpoints
{
    // A pattern that backtracks without end must not hold a thread: one second is far more than any sane search of a million rows needs per row.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/datasets/{id}/search", Search)
            .WithTags("Search")
            .WithSummary("Rows whose value in a column matches");
    }

    private static SearchAnswer Search(string id, string? q, string? column, bool? regex, ServerState s)
    {
        var metadata = s.Catalog.Get(id).Dataset.Metadata;
        if (metadata.Columns.Count == 0)
        {
            throw ApiProblem.BadRequest($"The dataset '{id}' has no metadata to search.");
        }

        var c = column is null ? metadata.Columns[0] : metadata[column]
            ?? throw ApiProblem.BadRequest($"There is no metadata column '{column}'; the columns are {string.Join(", ", metadata.Columns.Select(x => x.Name))}.");
        var text = q ?? string.Empty;
        Func<string, bool> matches;
        if (regex ?? false)
        {
            Regex pattern;
            try
            {
                pattern = new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw ApiProblem.BadRequest($"'{text}' is not a valid regular expression: {e.Message}");
            }

            matches = pattern.IsMatch;
        }
        else
        {
            matches = v => v.Contains(text, StringComparison.OrdinalIgnoreCase);
        }

        var indices = new List<int>();
        try
        {
            for (var i = 0; i < c.Count; i++)
            {
                if (matches(c[i] ?? string.Empty))
                {
                    indices.Add(i);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw ApiProblem.BadRequest($"The regular expression '{text}' takes too long to match; simplify it.");
        }

        return new SearchAnswer(c.Name, indices.Count, indices);
    }
}
