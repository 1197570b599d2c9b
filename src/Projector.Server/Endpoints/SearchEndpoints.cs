using System.Text.RegularExpressions;
using Projector.Server.Contracts;
using Projector.Server.Work;

namespace Projector.Server.Endpoints;

/// <summary>
/// Rows whose metadata value matches a regular expression or contains a text, case-insensitive. The scan
/// runs on the <see cref="WorkPool"/> (a million rows under a slow pattern is seconds of CPU); a full queue is a 503.
/// </summary>
internal static class SearchEndpoints
{
    // A pattern that backtracks without end must not hold a thread: one second is far more than any sane search of a million rows needs per row.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/datasets/{id}/search", Search)
            .WithTags("Search")
            .WithSummary("Rows whose value in a column matches")
            .AnswersBusy();
    }

    private static async Task<SearchAnswer> Search(string id, string? q, string? column, bool? regex, int? limit, ServerState s, WorkPool pool, HttpContext context)
    {
        var entry = s.Catalog.Get(id);
        if (limit is < 0)
        {
            throw ApiProblem.BadRequest($"limit must be 0 or more, not {limit}.");
        }

        return await pool.RunAsync(ct => Scan(s.MetadataOf(entry), id, q, column, regex, limit, ct), context.RequestAborted).ConfigureAwait(false);
    }

    // limit: the most indices listed (the count is of every match); a tile set of 100 million rows may match millions.
    private static SearchAnswer Scan(Core.Data.MetadataTable metadata, string id, string? q, string? column, bool? regex, int? limit, CancellationToken ct)
    {
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
        var count = 0;
        try
        {
            for (var i = 0; i < c.Count; i++)
            {
                if (i % 4096 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                if (matches(c[i] ?? string.Empty) && count++ < (limit ?? int.MaxValue))
                {
                    indices.Add(i);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw ApiProblem.BadRequest($"The regular expression '{text}' takes too long to match; simplify it.");
        }

        return new SearchAnswer(c.Name, count, indices);
    }
}
