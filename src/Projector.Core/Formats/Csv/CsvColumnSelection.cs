using System.Globalization;
using System.Text.RegularExpressions;

namespace Projector.Core.Formats.Csv;

/// <summary>Turns <see cref="ReadOptions.CsvColumns"/> (a regex over header names or <c>FROM..TO</c>) into the vector columns.</summary>
internal static partial class CsvColumnSelection
{
    /// <summary>Which columns hold vector values; throws when the selection is invalid or selects nothing.</summary>
    public static bool[] Select(string spec, string[] names, string path)
    {
        var selected = new bool[names.Length];
        var range = RangePattern().Match(spec);
        if (range.Success)
        {
            var from = int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
            var to = int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
            if (from > to || to >= names.Length)
            {
                throw new DataFormatException(path, $"column range {spec} does not fit the {names.Length} columns of the header (0..{names.Length - 1})", "Give 0-based FROM..TO with FROM <= TO", line: 1);
            }

            selected.AsSpan(from, to - from + 1).Fill(true);
            return selected;
        }

        Regex regex;
        try
        {
            regex = new Regex(spec, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new DataFormatException(path, $"the column pattern '{spec}' is not a valid regular expression ({ex.Message})", "Give a regex over header names such as ^emb_, or a range FROM..TO", inner: ex);
        }

        for (var i = 0; i < names.Length; i++)
        {
            selected[i] = regex.IsMatch(names[i]);
        }

        if (!selected.Contains(true))
        {
            throw new DataFormatException(path, $"the column pattern '{spec}' matches none of the header names ({string.Join(", ", names)})", "Change the pattern or use a range FROM..TO", line: 1);
        }

        return selected;
    }

    [GeneratedRegex(@"^\s*(\d+)\s*\.\.\s*(\d+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();
}
