using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Projector.Core.Data;

namespace Projector.Core.Projections.Custom;

/// <summary>
/// The TF projector's custom projection: each axis runs from the centroid of one set of points to the
/// centroid of another, both chosen by metadata queries; a point's coordinate is its dot product with
/// the unit axis direction (e.g. x from "man" to "woman", y from "king" to "queen").
/// </summary>
public static class CustomAxes
{
    /// <summary>Projects every point onto the x axis (left → right) and, when given, the y axis (down → up); without a y axis y is 0.</summary>
    /// <exception cref="ArgumentException">A column is missing, a pattern is not a valid regular expression, or a query matches no point.</exception>
    public static ProjectionFrame Project(Dataset dataset, AxisQuery left, AxisQuery right, AxisQuery? down = null, AxisQuery? up = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if ((down is null) != (up is null))
        {
            throw new ArgumentException("Give both ends of the y axis, or neither.");
        }

        var x = Direction(dataset, left, right);
        var y = down is null ? null : Direction(dataset, down, up!);
        var n = dataset.Points;
        var positions = new float[n * 2];
        Parallel.For(0, n, ParallelScheduling.Options(), i =>
        {
            var row = dataset.Matrix.Row(i);
            positions[i * 2] = TensorPrimitives.Dot(row, x);
            positions[(i * 2) + 1] = y is null ? 0 : TensorPrimitives.Dot(row, y);
        });
        return new ProjectionFrame(positions, n, 2, 0, 0, null, "custom");
    }

    /// <summary>The rows whose value in the query's column matches its pattern.</summary>
    public static IReadOnlyList<int> Match(Dataset dataset, AxisQuery query)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(query);
        var column = dataset.Metadata[query.Column]
            ?? throw new ArgumentException($"No metadata column '{query.Column}'. Columns: {string.Join(", ", dataset.Metadata.Columns.Select(c => c.Name))}.");
        Regex regex;
        try
        {
            regex = new Regex(query.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{query.Pattern}' is not a valid regular expression: {e.Message}", e);
        }

        var rows = new List<int>();
        for (var i = 0; i < column.Count; i++)
        {
            if (column[i] is { } value && regex.IsMatch(value))
            {
                rows.Add(i);
            }
        }

        return rows;
    }

    private static float[] Direction(Dataset dataset, AxisQuery from, AxisQuery to)
    {
        var direction = Centroid(dataset, to);
        TensorPrimitives.Subtract(direction, Centroid(dataset, from), direction);
        var norm = TensorPrimitives.Norm(direction);
        if (norm > 0)
        {
            TensorPrimitives.Divide(direction, norm, direction);
        }

        return direction;
    }

    private static float[] Centroid(Dataset dataset, AxisQuery query)
    {
        var rows = Match(dataset, query);
        if (rows.Count == 0)
        {
            throw new ArgumentException($"No point has a {query.Column} matching '{query.Pattern}'.");
        }

        var sum = new double[dataset.Dimensions];
        foreach (var r in rows)
        {
            var row = dataset.Matrix.Row(r);
            for (var j = 0; j < sum.Length; j++)
            {
                sum[j] += row[j];
            }
        }

        return [.. sum.Select(s => (float)(s / rows.Count))];
    }
}
