namespace Projector.Core.Neighbors;

/// <summary>
/// Random projection trees (as in pynndescent's initialisation): each node splits its points by the
/// hyperplane halfway between two of them, until at most a leaf size remain. Points sharing a leaf are
/// likely neighbours, which gives NN-descent a much better start than random neighbours.
/// </summary>
/// <remarks>Each tree has its own seeded <see cref="Random"/>, so the leaves depend only on the seed.</remarks>
internal static class RandomProjectionForest
{
    /// <summary>The leaves of one tree: a permutation of all rows and the (start, count) of each leaf in it.</summary>
    public static (int[] Order, List<(int Start, int Count)> Leaves) BuildTree(PreparedRows rows, int leafSize, int seed, CancellationToken ct)
    {
        var rng = new Random(seed);
        var order = new int[rows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var leaves = new List<(int Start, int Count)>();
        var stack = new Stack<(int Start, int Count)>();
        stack.Push((0, order.Length));
        var normal = new float[rows.Dimensions];
        var sides = new bool[order.Length];
        var scratch = new int[order.Length];
        while (stack.Count > 0)
        {
            var (start, count) = stack.Pop();
            if (count <= leafSize)
            {
                leaves.Add((start, count));
                continue;
            }

            ct.ThrowIfCancellationRequested();
            var left = Split(rows, order.AsSpan(start, count), rng, normal, sides, scratch);
            stack.Push((start + left, count - left));
            stack.Push((start, left));
        }

        return (order, leaves);
    }

    /// <summary>Partitions <paramref name="points"/> in place; returns how many went left (never 0 or all).</summary>
    private static int Split(PreparedRows rows, Span<int> points, Random rng, float[] normal, bool[] sides, int[] scratch)
    {
        var n = points.Length;
        var a = points[rng.Next(n)];
        var b = points[rng.Next(n - 1)];
        if (b == a)
        {
            b = points[n - 1];
        }

        // Hyperplane through the midpoint of a and b, normal a − b: side = sign(n·x − n·(a + b)/2).
        var xa = rows.Row(a);
        var xb = rows.Row(b);
        var offset = 0f;
        for (var t = 0; t < normal.Length; t++)
        {
            normal[t] = xa[t] - xb[t];
            offset -= normal[t] * (xa[t] + xb[t]) * 0.5f;
        }

        var left = 0;
        for (var i = 0; i < n; i++)
        {
            var margin = System.Numerics.Tensors.TensorPrimitives.Dot(normal, rows.Row(points[i])) + offset;
            // Points on the plane (duplicates, a zero normal) go to a random side.
            var goLeft = margin == 0 ? rng.Next(2) == 0 : margin < 0;
            sides[i] = goLeft;
            left += goLeft ? 1 : 0;
        }

        if (left == 0 || left == n)
        {
            // Degenerate split (all points equal along the normal): halve at random so the tree still ends.
            for (var i = 0; i < n; i++)
            {
                sides[i] = i < n / 2;
            }

            rng.Shuffle(points);
            left = n / 2;
        }

        // Stable partition through scratch: left points first, then right.
        var l = 0;
        var r = left;
        for (var i = 0; i < n; i++)
        {
            scratch[sides[i] ? l++ : r++] = points[i];
        }

        scratch.AsSpan(0, n).CopyTo(points);
        return left;
    }
}
