using System.CommandLine;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Neighbors;
using Spectre.Console;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector neighbors INPUT --point I | --query TEXT -k K [--metric cosine|euclidean]</c>: the nearest
/// points of one point, of the point a metadata value names (e.g. a word), or of a literal vector.
/// </summary>
internal static class NeighborsCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "Any readable input (see inspect)" };
        var point = new Option<int?>("--point") { Description = "Row index (0-based) of the point" };
        var query = new Option<string?>("--query") { Description = "A metadata value (e.g. a word) naming the point, or a vector as comma-separated numbers" };
        var k = new Option<int>("-k", "--count") { Description = "How many neighbours", DefaultValueFactory = _ => 10 };
        var metric = new Option<Metric>("--metric") { Description = "cosine or euclidean", DefaultValueFactory = _ => Metric.Cosine };
        var options = new CliOptions();
        var command = new Command("neighbors", "List the nearest neighbours of a point or a query") { input, point, query, k, metric };
        options.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var source = parsed.GetValue(input)!;
            using var d = CliProgress.Run(context, $"Reading {source}", p => DatasetReader.Read(source, options.ToReadOptions(parsed, source, p, ct)));
            var (vector, exclude, what) = Target(d, parsed.GetValue(point), parsed.GetValue(query));
            var count = parsed.GetValue(k);
            if (count < 1)
            {
                throw new UsageException("-k must be at least 1");
            }

            var found = NeighborSearch.Query(d.Matrix, vector, count, parsed.GetValue(metric), exclude);
            context.Console.MarkupLine($"nearest to {Markup.Escape(CliText.Safe(what))} ({parsed.GetValue(metric).ToString().ToLowerInvariant()}):");
            var table = new Table().AddColumns(["rank", "point", "distance", .. d.Metadata.Columns.Select(c => Markup.Escape(CliText.Safe(c.Name)))]);
            for (var r = 0; r < found.Length; r++)
            {
                var n = found[r];
                table.AddRow(
                [
                    (r + 1).ToString(CultureInfo.InvariantCulture),
                    n.Index.ToString(CultureInfo.InvariantCulture),
                    n.Distance.ToString("0.####", CultureInfo.InvariantCulture),
                    .. d.Metadata.Columns.Select(c => Markup.Escape(CliText.Safe(c[n.Index]))),
                ]);
            }

            context.Console.Write(table);
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static (float[] Vector, int Exclude, string What) Target(Dataset d, int? point, string? query)
    {
        if (point is { } i)
        {
            if (i < 0 || i >= d.Points)
            {
                throw new UsageException($"--point {i} is outside 0..{d.Points - 1}");
            }

            return (d.Matrix.Row(i).ToArray(), i, $"point {i}{Describe(d, i)}");
        }

        if (string.IsNullOrEmpty(query))
        {
            throw new UsageException("give --point I or --query TEXT");
        }

        var parts = query.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == d.Dimensions && parts.All(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return ([.. parts.Select(p => float.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture))], -1, "the query vector");
        }

        foreach (var column in d.Metadata.Columns.OrderBy(c => c.Name is "word" or "label" ? 0 : 1))
        {
            for (var r = 0; r < column.Count; r++)
            {
                if (string.Equals(column[r], query, StringComparison.OrdinalIgnoreCase))
                {
                    return (d.Matrix.Row(r).ToArray(), r, $"'{query}' (point {r})");
                }
            }
        }

        throw new UsageException($"no point has a metadata value '{query}', and it is not a {d.Dimensions}-d vector");
    }

    private static string Describe(Dataset d, int i) =>
        d.Metadata.Columns.Count == 0 ? string.Empty : $" ({d.Metadata.Columns[0].Name} {d.Metadata.Columns[0][i]})";
}
