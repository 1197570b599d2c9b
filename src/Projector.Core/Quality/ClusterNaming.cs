using System.Globalization;
using System.Text;
using Projector.Core.Data;

namespace Projector.Core.Quality;

/// <summary>
/// Names clusters by the metadata over-represented in them. A column with few distinct values (at most
/// <see cref="MaxCategories"/>) is categorical: its value with the largest share of the cluster, scored by
/// how far that share rises above the value's share of all points. Other text columns give words, weighted
/// TF-IDF-like (share of the cluster's points holding the word, times how few clusters hold it). Other
/// number columns give the cluster's median and quartiles, scored by how cleanly its values stand above
/// or below the others' (|2·AUC − 1| of the Mann-Whitney statistic).
/// </summary>
internal static class ClusterNaming
{
    /// <summary>Distinct values up to which a column is treated as categories.</summary>
    public const int MaxCategories = 100;

    // A cluster whose best column scores below this is told apart by no column: it gets no name.
    private const double MinScore = 0.05;

    public static List<ClusterTerm>[] Terms(int[] assignments, int clusters, MetadataTable? metadata, CancellationToken cancellationToken)
    {
        var terms = new List<ClusterTerm>[clusters];
        for (var c = 0; c < clusters; c++)
        {
            terms[c] = [];
        }

        if (metadata is null || clusters == 0)
        {
            return terms;
        }

        var sizes = new int[clusters];
        foreach (var a in assignments)
        {
            if (a >= 0)
            {
                sizes[a]++;
            }
        }

        foreach (var column in metadata.Columns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (column.DistinctCount == 0)
            {
                continue;
            }

            var found = column.DistinctCount <= MaxCategories ? Categories(column, assignments, sizes)
                : column.Kind == MetadataKind.Number ? Numbers(column, assignments, clusters)
                : Words(column, assignments, sizes);
            for (var c = 0; c < clusters; c++)
            {
                if (found[c] is { } term)
                {
                    terms[c].Add(term);
                }
            }
        }

        foreach (var list in terms)
        {
            // Stable: equal scores keep the columns' order.
            var sorted = list.OrderByDescending(t => t.Score).ToList();
            list.Clear();
            list.AddRange(sorted);
        }

        return terms;
    }

    /// <summary>The name: the chosen column's text, or the most telling column's when it tells enough.</summary>
    public static string Label(IReadOnlyList<ClusterTerm> terms, string? column)
    {
        if (column is not null)
        {
            return terms.FirstOrDefault(t => t.Column == column)?.Text ?? string.Empty;
        }

        return terms.Count > 0 && terms[0].Score >= MinScore ? terms[0].Text : string.Empty;
    }

    private static ClusterTerm?[] Categories(MetadataColumn column, int[] assignments, int[] sizes)
    {
        var clusters = sizes.Length;
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var code = new int[assignments.Length];
        for (var i = 0; i < code.Length; i++)
        {
            if (column[i] is not { } v)
            {
                code[i] = -1;
                continue;
            }

            if (!codes.TryGetValue(v, out var o))
            {
                o = names.Count;
                codes[v] = o;
                names.Add(v);
            }

            code[i] = o;
        }

        var values = names.Count;
        var counts = new int[clusters * values];
        var overall = new int[values];
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] < 0)
            {
                continue;
            }

            overall[code[i]]++;
            if (assignments[i] >= 0)
            {
                counts[(assignments[i] * values) + code[i]]++;
            }
        }

        var result = new ClusterTerm?[clusters];
        for (var c = 0; c < clusters; c++)
        {
            var best = -1;
            for (var v = 0; v < values; v++)
            {
                // The largest share; between equal shares the rarer value overall, then the first seen.
                var count = counts[(c * values) + v];
                if (count > 0 && (best < 0 || count > counts[(c * values) + best] || (count == counts[(c * values) + best] && overall[v] < overall[best])))
                {
                    best = v;
                }
            }

            if (best < 0)
            {
                continue;
            }

            var share = counts[(c * values) + best] / (double)sizes[c];
            var global = overall[best] / (double)assignments.Length;
            var score = global >= 1 ? 0 : Math.Max(0, (share - global) / (1 - global));
            result[c] = new ClusterTerm(column.Name, string.Create(CultureInfo.InvariantCulture, $"{names[best]} ({Math.Round(share * 100):0}%)"), score);
        }

        return result;
    }

    private static ClusterTerm?[] Words(MetadataColumn column, int[] assignments, int[] sizes)
    {
        var clusters = sizes.Length;
        var perCluster = new Dictionary<string, int>[clusters];
        for (var c = 0; c < clusters; c++)
        {
            perCluster[c] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < assignments.Length; i++)
        {
            if (column[i] is not { } text)
            {
                continue;
            }

            // Each word counts once per point: the share of the cluster's points that hold it.
            seen.Clear();
            foreach (var word in Tokens(text))
            {
                if (seen.Add(word))
                {
                    overall[word] = overall.GetValueOrDefault(word) + 1;
                    if (assignments[i] >= 0)
                    {
                        var d = perCluster[assignments[i]];
                        d[word] = d.GetValueOrDefault(word) + 1;
                    }
                }
            }
        }

        var clustersHolding = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in perCluster)
        {
            foreach (var word in d.Keys)
            {
                clustersHolding[word] = clustersHolding.GetValueOrDefault(word) + 1;
            }
        }

        var result = new ClusterTerm?[clusters];
        for (var c = 0; c < clusters; c++)
        {
            // Only words held by at least 5 % of the cluster's points and 1.5 times as common in it as
            // overall: a word of one point, or "the", names nothing.
            var ranked = perCluster[c]
                .Select(p => (Word: p.Key, Share: p.Value / (double)sizes[c], Weight: p.Value / (double)sizes[c] * Math.Log(1 + (clusters / (double)clustersHolding[p.Key]))))
                .Where(w => w.Share >= 0.05 && w.Share >= 1.5 * overall[w.Word] / assignments.Length)
                .OrderByDescending(w => w.Weight).ThenBy(w => w.Word, StringComparer.Ordinal)
                .Take(3)
                .ToList();
            if (ranked.Count == 0)
            {
                continue;
            }

            var global = overall[ranked[0].Word] / (double)assignments.Length;
            var score = global >= 1 ? 0 : Math.Max(0, (ranked[0].Share - global) / (1 - global));
            result[c] = new ClusterTerm(column.Name, string.Join(", ", ranked.Select(w => w.Word)), score);
        }

        return result;
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(char.ToLowerInvariant(ch));
                continue;
            }

            if (word.Length > 1)
            {
                yield return word.ToString();
            }

            word.Clear();
        }

        if (word.Length > 1)
        {
            yield return word.ToString();
        }
    }

    private static ClusterTerm?[] Numbers(MetadataColumn column, int[] assignments, int clusters)
    {
        var numbers = column.Numbers;
        var present = new List<int>();
        var members = new List<double>[clusters];
        for (var c = 0; c < clusters; c++)
        {
            members[c] = [];
        }

        for (var i = 0; i < assignments.Length; i++)
        {
            if (double.IsNaN(numbers[i]))
            {
                continue;
            }

            present.Add(i);
            if (assignments[i] >= 0)
            {
                members[assignments[i]].Add(numbers[i]);
            }
        }

        // Mann-Whitney: the chance that a member's value exceeds an outsider's (AUC), from average ranks.
        var values = numbers.ToArray();
        present.Sort((a, b) => values[a].CompareTo(values[b]));
        var rankSum = new double[clusters];
        for (var start = 0; start < present.Count;)
        {
            var end = start;
            while (end < present.Count && values[present[end]] == values[present[start]])
            {
                end++;
            }

            var rank = ((start + end - 1) / 2.0) + 1;
            for (var t = start; t < end; t++)
            {
                if (assignments[present[t]] is >= 0 and var c)
                {
                    rankSum[c] += rank;
                }
            }

            start = end;
        }

        var result = new ClusterTerm?[clusters];
        for (var c = 0; c < clusters; c++)
        {
            var m = members[c];
            if (m.Count == 0)
            {
                continue;
            }

            m.Sort();
            var others = present.Count - m.Count;
            var auc = others == 0 ? 0.5 : (rankSum[c] - (m.Count * (m.Count + 1) / 2.0)) / ((double)m.Count * others);
            var score = Math.Abs((2 * auc) - 1);
            result[c] = new ClusterTerm(column.Name, string.Create(CultureInfo.InvariantCulture, $"{Short(Quantile(m, 0.5))} ({Short(Quantile(m, 0.25))}–{Short(Quantile(m, 0.75))})"), score);
        }

        return result;
    }

    /// <summary>About three significant digits, without an exponent between 0.001 and a million.</summary>
    private static string Short(double x) =>
        Math.Abs(x) is >= 100 and < 1e6 ? x.ToString("0", CultureInfo.InvariantCulture) : x.ToString("G3", CultureInfo.InvariantCulture);

    private static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (position - lo));
    }
}
