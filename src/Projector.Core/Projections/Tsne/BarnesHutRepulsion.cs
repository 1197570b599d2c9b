using System.Numerics;

namespace Projector.Core.Projections.Tsne;

/// <summary>
/// Barnes-Hut repulsion walked once per group of nearby points instead of once per point (Barnes 1990's
/// vectorised variant): a cell is summarised for the whole group when its width over its distance to
/// the group's bounding box is below θ, which holds θ for every point of the group. The walk yields one
/// interaction list per group (summarised cells and single points), which every point of the group
/// then sums with SIMD over the list.
/// </summary>
/// <remarks>
/// The criterion is stricter than the per-point one of van der Maaten 2014 (the distance to the box is
/// at most the distance to any of its points), so the error at a given θ is lower; the walk costs one
/// traversal per group rather than per point, and the sums run 8 or 16 interactions per instruction.
/// Each point's own entry (w = 1 at distance 0, no force) is included and taken out of Z afterwards.
/// Sums over the list are float32 in coordinates relative to the group's centre; per point they are
/// accumulated in float lanes and then added in double, in point order, so the result does not depend
/// on the thread count.
/// </remarks>
internal sealed class BarnesHutRepulsion : IRepulsiveForces
{
    /// <summary>Most points walked together.</summary>
    public const int GroupSize = 32;

    private readonly int _points;
    private readonly int _dims;
    private readonly TsneKernel _kernel;
    private readonly double _theta2;
    private readonly ParallelOptions _parallel;
    private readonly MortonTree _tree;
    private readonly double[] _rowZ;
    private readonly List<int> _groups = [];

    // One scratch list per thread, shared by every instance (runs come and go in a server; a ThreadLocal
    // per instance would hold its lists until finalised).
    [ThreadStatic]
    private static Lists? _lists;

    public BarnesHutRepulsion(int points, int dims, TsneKernel kernel, double theta, int threads)
    {
        _points = points;
        _dims = dims;
        _kernel = kernel;
        _theta2 = theta * theta;
        _parallel = ParallelScheduling.Options(threads);
        _tree = new MortonTree(points, dims);
        _rowZ = new double[points];
    }

    /// <inheritdoc />
    public double Compute(double[] y, double[] force)
    {
        _tree.Build(y);
        _groups.Clear();
        CollectGroups(0);
        var groups = _groups;
        Parallel.For(0, groups.Count, _parallel, g => Group(groups[g], force));

        // Summed in point order: independent of the thread count.
        var total = 0.0;
        foreach (var z in _rowZ)
        {
            total += z;
        }

        return Math.Max(total, double.Epsilon);
    }

    /// <summary>The largest cells of at most <see cref="GroupSize"/> points, plus oversized leaves (duplicates).</summary>
    private void CollectGroups(int cell)
    {
        if (_tree.Count[cell] <= GroupSize || _tree.FirstChild[cell] < 0)
        {
            _groups.Add(cell);
            return;
        }

        for (var c = 0; c < _tree.ChildCount[cell]; c++)
        {
            CollectGroups(_tree.FirstChild[cell] + c);
        }
    }

    private void Group(int group, double[] force)
    {
        var t = _tree;
        var lists = _lists ??= new Lists();
        var (start, count) = (t.Start[group], t.Count[group]);

        // The group's bounding box, and its centre as the origin of the float32 sums.
        double x0 = double.PositiveInfinity, y0 = double.PositiveInfinity, z0 = double.PositiveInfinity;
        double x1 = double.NegativeInfinity, y1 = double.NegativeInfinity, z1 = double.NegativeInfinity;
        for (var s = start; s < start + count; s++)
        {
            (x0, x1) = (Math.Min(x0, t.X[s]), Math.Max(x1, t.X[s]));
            (y0, y1) = (Math.Min(y0, t.Y[s]), Math.Max(y1, t.Y[s]));
            (z0, z1) = (Math.Min(z0, t.Z[s]), Math.Max(z1, t.Z[s]));
        }

        var (ox, oy, oz) = ((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
        Walk(lists, (x0, y0, z0), (x1, y1, z1), (ox, oy, oz));
        for (var s = start; s < start + count; s++)
        {
            var i = t.Order[s];
            var (z, fx, fy, fz) = Sum(lists, (float)(t.X[s] - ox), (float)(t.Y[s] - oy), (float)(t.Z[s] - oz));

            // The point's own entry: w = 1 at distance 0.
            _rowZ[i] = z - 1;
            force[i * _dims] = fx;
            force[(i * _dims) + 1] = fy;
            if (_dims == 3)
            {
                force[(i * _dims) + 2] = fz;
            }
        }
    }

    /// <summary>Builds the tree over fixed reference positions for <see cref="Query"/> (t-SNE transform).</summary>
    public void UseReference(double[] reference) => _tree.Build(reference);

    /// <summary>
    /// Repulsion on one position that is not in the tree (a new point placed into the reference layout of
    /// <see cref="UseReference"/>): writes Σ_j w^((α+1)/α) (y − y_j) and returns Σ_j w over the reference points.
    /// </summary>
    public double Query(ReadOnlySpan<double> point, Span<double> force)
    {
        var lists = _lists ??= new Lists();
        var origin = (point[0], point[1], _dims == 3 ? point[2] : 0);
        Walk(lists, origin, origin, origin);
        var (z, fx, fy, fz) = Sum(lists, 0, 0, 0);
        force[0] = fx;
        force[1] = fy;
        if (_dims == 3)
        {
            force[2] = fz;
        }

        return z;
    }

    /// <summary>
    /// Fills the thread's interaction list for the box [lo, hi]: cells summarised by θ against the box,
    /// and the single points of the leaves that are not, in coordinates relative to <paramref name="origin"/>.
    /// </summary>
    private void Walk(Lists lists, (double X, double Y, double Z) lo, (double X, double Y, double Z) hi, (double X, double Y, double Z) origin)
    {
        var t = _tree;
        var (x0, y0, z0) = lo;
        var (x1, y1, z1) = hi;
        var (ox, oy, oz) = origin;
        lists.Clear();
        var stack = lists.Stack;
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var cell = stack[--top];
            var (cx, cy, cz) = (t.CenterX[cell], t.CenterY[cell], t.CenterZ[cell]);
            var dx = Math.Max(0, Math.Max(x0 - cx, cx - x1));
            var dy = Math.Max(0, Math.Max(y0 - cy, cy - y1));
            var dz = Math.Max(0, Math.Max(z0 - cz, cz - z1));
            var d2 = (dx * dx) + (dy * dy) + (dz * dz);
            if (t.Width2[cell] < _theta2 * d2)
            {
                lists.Add(cx - ox, cy - oy, cz - oz, t.Count[cell]);
            }
            else if (t.FirstChild[cell] < 0)
            {
                for (var s = t.Start[cell]; s < t.Start[cell] + t.Count[cell]; s++)
                {
                    lists.Add(t.X[s] - ox, t.Y[s] - oy, t.Z[s] - oz, 1);
                }
            }
            else
            {
                if (top + t.ChildCount[cell] > stack.Length)
                {
                    Array.Resize(ref lists.Stack, stack.Length * 2);
                    stack = lists.Stack;
                }

                for (var c = t.ChildCount[cell] - 1; c >= 0; c--)
                {
                    stack[top++] = t.FirstChild[cell] + c;
                }
            }
        }

        lists.Pad();
    }

    private (double Z, double Fx, double Fy, double Fz) Sum(Lists lists, float px, float py, float pz)
    {
        if (_kernel.Alpha != 1.0)
        {
            return SumScalar(lists, px, py, pz);
        }

        if (_dims == 2)
        {
            var (z, fx, fy) = SumCauchy2D(lists, px, py);
            return (z, fx, fy, 0);
        }

        return SumCauchy3D(lists, px, py, pz);
    }

    private static (double Z, double Fx, double Fy) SumCauchy2D(Lists l, float px, float py)
    {
        var (vx, vy) = (new Vector<float>(px), new Vector<float>(py));
        Vector<float> z = default, fx = default, fy = default;
        var lanes = Vector<float>.Count;
        for (var k = 0; k < l.Length; k += lanes)
        {
            var dx = vx - new Vector<float>(l.X.AsSpan(k));
            var dy = vy - new Vector<float>(l.Y.AsSpan(k));
            var q = Vector<float>.One / (Vector<float>.One + (dx * dx) + (dy * dy));
            var mq = new Vector<float>(l.M.AsSpan(k)) * q;
            z += mq;
            var rep = mq * q;
            fx += rep * dx;
            fy += rep * dy;
        }

        return (Sum(z), Sum(fx), Sum(fy));
    }

    private static (double Z, double Fx, double Fy, double Fz) SumCauchy3D(Lists l, float px, float py, float pz)
    {
        var (vx, vy, vz) = (new Vector<float>(px), new Vector<float>(py), new Vector<float>(pz));
        Vector<float> z = default, fx = default, fy = default, fz = default;
        var lanes = Vector<float>.Count;
        for (var k = 0; k < l.Length; k += lanes)
        {
            var dx = vx - new Vector<float>(l.X.AsSpan(k));
            var dy = vy - new Vector<float>(l.Y.AsSpan(k));
            var dz = vz - new Vector<float>(l.Z.AsSpan(k));
            var q = Vector<float>.One / (Vector<float>.One + (dx * dx) + (dy * dy) + (dz * dz));
            var mq = new Vector<float>(l.M.AsSpan(k)) * q;
            z += mq;
            var rep = mq * q;
            fx += rep * dx;
            fy += rep * dy;
            fz += rep * dz;
        }

        return (Sum(z), Sum(fx), Sum(fy), Sum(fz));
    }

    /// <summary>Any degrees of freedom: (1 + r²/α)^−α needs a power per entry, so no SIMD.</summary>
    private (double Z, double Fx, double Fy, double Fz) SumScalar(Lists l, float px, float py, float pz)
    {
        double z = 0, fx = 0, fy = 0, fz = 0;
        for (var k = 0; k < l.Length; k++)
        {
            if (l.M[k] == 0)
            {
                continue;
            }

            double dx = px - l.X[k], dy = py - l.Y[k], dz = pz - l.Z[k];
            var (w, repulsion) = _kernel.SimilarityAndRepulsion((dx * dx) + (dy * dy) + (dz * dz));
            z += l.M[k] * w;
            var rep = l.M[k] * repulsion;
            fx += rep * dx;
            fy += rep * dy;
            fz += rep * dz;
        }

        return (z, fx, fy, fz);
    }

    private static double Sum(Vector<float> v)
    {
        var s = 0.0;
        for (var k = 0; k < Vector<float>.Count; k++)
        {
            s += v[k];
        }

        return s;
    }

    /// <summary>One thread's interaction list (structure of arrays) and walk stack.</summary>
    private sealed class Lists
    {
        public float[] X = new float[1024];
        public float[] Y = new float[1024];
        public float[] Z = new float[1024];
        public float[] M = new float[1024];
        public int[] Stack = new int[256];

        public int Length { get; private set; }

        public void Clear() => Length = 0;

        public void Add(double x, double y, double z, int mass)
        {
            if (Length == X.Length)
            {
                Array.Resize(ref X, Length * 2);
                Array.Resize(ref Y, Length * 2);
                Array.Resize(ref Z, Length * 2);
                Array.Resize(ref M, Length * 2);
            }

            X[Length] = (float)x;
            Y[Length] = (float)y;
            Z[Length] = (float)z;
            M[Length] = mass;
            Length++;
        }

        /// <summary>Fills the list to a whole number of vectors with massless entries at the origin.</summary>
        public void Pad()
        {
            while (Length % Vector<float>.Count != 0)
            {
                Add(0, 0, 0, 0);
            }
        }
    }
}
