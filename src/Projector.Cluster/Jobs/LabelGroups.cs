namespace Projector.Cluster.Jobs;

/// <summary>
/// Numbers labels 0, 1, 2... in order of first appearance (a missing label is a group of its own): the
/// order of the input, never of a hash, so every silo and every retry stratifies the sample alike.
/// </summary>
internal sealed class LabelGroups
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    /// <summary>The group of <paramref name="label"/> (null or empty: missing).</summary>
    public int Of(string? label)
    {
        var key = string.IsNullOrEmpty(label) ? "\u0000" : label;
        if (!_numbers.TryGetValue(key, out var group))
        {
            _numbers[key] = group = _numbers.Count;
        }

        return group;
    }
}
