using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// The walk is shared down the tree (a dual-tree walk): a source cell far enough from a target cell's
/// box is listed once for all the groups below it, and a near one no larger than the box is handed to
/// the target's children. On 10,000 points this halved the cells visited (83k against 155k a call)
/// and, with the radix sort of the codes, took a single-threaded call from 5.0 to 4.2 ms; the 3-D call
/// on 100,000 points from 155 to 110-123 ms (`tsne-repulsion`, docs/benchmarks.md).
/// Each point's own entry (w = 1 at distance 0, no force) is included and taken out of Z afterwards.
/// Sums over the list are float32 in coordinates relative to the centre of the subtree being walked;
/// per point they are accumulated in float lanes and then added in double, in point order, so the
/// result does not depend on the thread count.
/// </remarks>
internal sealed class BarnesHutRepulsion : IRepulsiveForces
{
    /// <summary>
    /// Most points walked together. The walk (a scalar loop of unpredictable branches) cost more than the
    /// SIMD sums at 32 (half of a 3-D call at 100k points, the sums a third); at 128 each point's share of
    /// the walk is a quarter, its list a little longer, and a call takes about three quarters of the time,
    /// in 2-D (10k points) and 3-D (100k) alike; 256 gains nothing more. A larger group's box also judges
    /// every cell more strictly, so the sums are no less accurate.
    /// </summary>
    public const int GroupSize = 128;

    /// <summary>
    /// Most points of a subtree walked by one thread from the root: a constant, so the walk (and every
    /// sum) is the same on any number of threads.
    /// </summary>
    private const int SubtreeSize = 1024;

    private readonly int _points;
    private readonly int _dims;
    private readonly TsneKernel _kernel;
    private readonly double _theta2;
    private readonly ParallelOptions _parallel;
    private readonly MortonTree _tree;
    private readonly double[] _rowZ;
    private readonly List<int> _subtrees = [];
    private readonly bool _wide;

    // One scratch list per thread, shared by every instance (runs come and go in a server; a ThreadLocal
    // per instance would hold its lists until finalised).
    [ThreadStatic]
    private static Lists? _lists;

    /// <param name="points">Points in every layout this instance is given.</param>
    /// <param name="dims">2 or 3.</param>
    /// <param name="kernel">The similarity kernel.</param>
    /// <param name="theta">The opening criterion θ.</param>
    /// <param name="threads">Threads to use.</param>
    /// <param name="wide">Sum 16 lanes at a time where 512-bit vectors run in hardware (the default), or at
    /// the machine's <see cref="Vector{T}"/> width, which machines without them use (so tests can run both).</param>
    public BarnesHutRepulsion(int points, int dims, TsneKernel kernel, double theta, int threads, bool wide = true)
    {
        _wide = wide && Vector512.IsHardwareAccelerated;
        _points = points;
        _dims = dims;
        _kernel = kernel;
        _theta2 = theta * theta;
        _parallel = ParallelScheduling.Options(threads);
        _tree = new MortonTree(points, dims);
        _rowZ = new double[points];
    }

    // Set by Prepare: the tree is built for the next Compute.
    private bool _built;

    /// <summary>Builds the tree for <paramref name="y"/> (one thread: a serial pass over the sorted codes).</summary>
    public void Prepare(double[] y)
    {
        _tree.Build(y);
        _built = true;
    }

    /// <inheritdoc />
    public double Compute(double[] y, double[] force)
    {
        if (!_built)
        {
            _tree.Build(y);
        }

        _built = false;
        _subtrees.Clear();
        CollectSubtrees(0);
        var subtrees = _subtrees;
        Parallel.For(0, subtrees.Count, _parallel, g => Subtree(subtrees[g], force));

        // Summed in point order: independent of the thread count.
        var total = 0.0;
        foreach (var z in _rowZ)
        {
            total += z;
        }

        return Math.Max(total, double.Epsilon);
    }

    /// <summary>The largest cells of at most <see cref="SubtreeSize"/> points, plus oversized leaves (duplicates).</summary>
    private void CollectSubtrees(int cell)
    {
        ref readonly var node = ref _tree.Nodes[cell];
        if (node.Count <= SubtreeSize || node.FirstChild < 0)
        {
            _subtrees.Add(cell);
            return;
        }

        for (var c = node.FirstChild; c < node.FirstChild + node.ChildCount; c++)
        {
            CollectSubtrees(c);
        }
    }

    /// <summary>One subtree's points: its walk starts at the root, with sums relative to its box's centre.</summary>
    private void Subtree(int cell, double[] force)
    {
        var t = _tree;
        var lists = _lists ??= new Lists();
        lists.Clear();
        lists.Origin = ((t.MinX[cell] + t.MaxX[cell]) / 2, (t.MinY[cell] + t.MaxY[cell]) / 2, (t.MinZ[cell] + t.MaxZ[cell]) / 2);
        lists.Pending[0] = 0;
        Traverse(lists, cell, 0, 1, force);
    }

    /// <summary>
    /// Resolves the source cells <c>Pending[from..to)</c> against the box of <paramref name="target"/>:
    /// a cell far enough for the whole box joins the interaction list that every point below inherits; a
    /// near cell larger than the box is opened here; a near cell no larger is left to the target's
    /// children, whose smaller boxes may accept it whole (a dual-tree walk, so the cells near the top
    /// are judged once per target cell rather than once per group). Groups of at most
    /// <see cref="GroupSize"/> points resolve everything and sum their list.
    /// </summary>
    private void Traverse(Lists lists, int target, int from, int to, double[] force)
    {
        var t = _tree;
        var inherited = lists.Length;
        var deferred = lists.PendingCount = Math.Max(lists.PendingCount, to);
        var self = t.Nodes[target];
        var group = self.Count <= GroupSize || self.FirstChild < 0;
        var (x0, y0, z0) = (t.MinX[target], t.MinY[target], t.MinZ[target]);
        var (x1, y1, z1) = (t.MaxX[target], t.MaxY[target], t.MaxZ[target]);
        var side = Math.Max(x1 - x0, Math.Max(y1 - y0, z1 - z0));
        var top = 0;
        for (var p = to - 1; p >= from; p--)
        {
            lists.Push(ref top, lists.Pending[p]);
        }

        Resolve(lists, top, (x0, y0, z0), (x1, y1, z1), group ? double.NaN : side * side);
        if (group)
        {
            SumGroup(lists, target, force);
        }
        else
        {
            var end = lists.PendingCount;
            for (var c = self.FirstChild; c < self.FirstChild + self.ChildCount; c++)
            {
                Traverse(lists, c, deferred, end, force);
                lists.PendingCount = end;
            }
        }

        lists.Truncate(inherited);
        lists.PendingCount = deferred;
    }

    private void SumGroup(Lists lists, int group, double[] force)
    {
        var t = _tree;
        var (ox, oy, oz) = lists.Origin;
        lists.Pad();
        var (s, end) = (t.Nodes[group].Start, t.Nodes[group].Start + t.Nodes[group].Count);
        for (; s < end; s++)
        {
            Store(t.Order[s], Sum(lists, (float)(t.X[s] - ox), (float)(t.Y[s] - oy), (float)(t.Z[s] - oz)), force);
        }
    }

    private void Store(int i, (double Z, double Fx, double Fy, double Fz) sums, double[] force)
    {
        // The point's own entry: w = 1 at distance 0.
        _rowZ[i] = sums.Z - 1;
        force[i * _dims] = sums.Fx;
        force[(i * _dims) + 1] = sums.Fy;
        if (_dims == 3)
        {
            force[(i * _dims) + 2] = sums.Fz;
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
        var at = (point[0], point[1], _dims == 3 ? point[2] : 0);
        lists.Clear();
        lists.Origin = at;
        var top = 0;
        lists.Push(ref top, 0);
        Resolve(lists, top, at, at, double.NaN);
        lists.Pad();
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
    /// Resolves the <paramref name="top"/> source cells on the thread's stack against the box [lo, hi],
    /// adding to the interaction list (coordinates relative to <see cref="Lists.Origin"/>) the cells far
    /// enough by θ and the single points of near leaves, and opening near cells. With a finite
    /// <paramref name="deferSide2"/> (the squared side of a target that has children) a near cell no larger
    /// than that, or a near leaf, is deferred to the target's children instead; NaN resolves everything.
    /// </summary>
    private void Resolve(Lists lists, int top, (double X, double Y, double Z) lo, (double X, double Y, double Z) hi, double deferSide2)
    {
        var t = _tree;
        var nodes = t.Nodes;
        var (x0, y0, z0) = lo;
        var (x1, y1, z1) = hi;
        var (ox, oy, oz) = lists.Origin;
        var defer = !double.IsNaN(deferSide2);
        var stack = lists.Stack;
        while (top > 0)
        {
            var cell = stack[--top];
            ref readonly var node = ref nodes[cell];
            var (cx, cy, cz) = (node.CenterX, node.CenterY, node.CenterZ);
            var dx = Math.Max(0, Math.Max(x0 - cx, cx - x1));
            var dy = Math.Max(0, Math.Max(y0 - cy, cy - y1));
            var dz = Math.Max(0, Math.Max(z0 - cz, cz - z1));
            var width2 = node.Width2;
            if (width2 < _theta2 * ((dx * dx) + (dy * dy) + (dz * dz)))
            {
                lists.Add(cx - ox, cy - oy, cz - oz, node.Count);
            }
            else if (defer && (width2 <= deferSide2 || node.FirstChild < 0))
            {
                lists.Defer(cell);
            }
            else if (node.FirstChild < 0)
            {
                for (var s = node.Start; s < node.Start + node.Count; s++)
                {
                    lists.Add(t.X[s] - ox, t.Y[s] - oy, t.Z[s] - oz, 1);
                }
            }
            else
            {
                for (var c = node.ChildCount - 1; c >= 0; c--)
                {
                    stack = lists.Push(ref top, node.FirstChild + c);
                }
            }
        }
    }

    private (double Z, double Fx, double Fy, double Fz) Sum(Lists lists, float px, float py, float pz)
    {
        if (_kernel.Alpha != 1.0)
        {
            return SumScalar(lists, px, py, pz);
        }

        if (_dims == 2)
        {
            var (z, fx, fy) = _wide ? SumCauchy2DWide(lists, px, py) : SumCauchy2D(lists, px, py);
            return (z, fx, fy, 0);
        }

        return _wide ? SumCauchy3DWide(lists, px, py, pz) : SumCauchy3D(lists, px, py, pz);
    }

    private static (double Z, double Fx, double Fy) SumCauchy2DWide(Lists l, float px, float py)
    {
        var (vx, vy) = (Vector512.Create(px), Vector512.Create(py));
        Vector512<float> z = default, fx = default, fy = default;
        var one = Vector512<float>.One;
        ref var xs = ref MemoryMarshal.GetArrayDataReference(l.X);
        ref var ys = ref MemoryMarshal.GetArrayDataReference(l.Y);
        ref var ms = ref MemoryMarshal.GetArrayDataReference(l.M);
        for (nuint k = 0, n = (nuint)l.Length; k < n; k += (nuint)Vector512<float>.Count)
        {
            var dx = vx - Vector512.LoadUnsafe(ref xs, k);
            var dy = vy - Vector512.LoadUnsafe(ref ys, k);
            var q = one / (one + (dx * dx) + (dy * dy));
            var mq = Vector512.LoadUnsafe(ref ms, k) * q;
            z += mq;
            var rep = mq * q;
            fx += rep * dx;
            fy += rep * dy;
        }

        return (Sum(z), Sum(fx), Sum(fy));
    }

    private static (double Z, double Fx, double Fy, double Fz) SumCauchy3DWide(Lists l, float px, float py, float pz)
    {
        var (vx, vy, vz) = (Vector512.Create(px), Vector512.Create(py), Vector512.Create(pz));
        Vector512<float> z = default, fx = default, fy = default, fz = default;
        var one = Vector512<float>.One;
        ref var xs = ref MemoryMarshal.GetArrayDataReference(l.X);
        ref var ys = ref MemoryMarshal.GetArrayDataReference(l.Y);
        ref var zs = ref MemoryMarshal.GetArrayDataReference(l.Z);
        ref var ms = ref MemoryMarshal.GetArrayDataReference(l.M);
        for (nuint k = 0, n = (nuint)l.Length; k < n; k += (nuint)Vector512<float>.Count)
        {
            var dx = vx - Vector512.LoadUnsafe(ref xs, k);
            var dy = vy - Vector512.LoadUnsafe(ref ys, k);
            var dz = vz - Vector512.LoadUnsafe(ref zs, k);
            var q = one / (one + (dx * dx) + (dy * dy) + (dz * dz));
            var mq = Vector512.LoadUnsafe(ref ms, k) * q;
            z += mq;
            var rep = mq * q;
            fx += rep * dx;
            fy += rep * dy;
            fz += rep * dz;
        }

        return (Sum(z), Sum(fx), Sum(fy), Sum(fz));
    }

    private static double Sum(Vector512<float> v)
    {
        var s = 0.0;
        for (var k = 0; k < Vector512<float>.Count; k++)
        {
            s += v[k];
        }

        return s;
    }

    private static (double Z, double Fx, double Fy) SumCauchy2D(Lists l, float px, float py)
    {
        var (vx, vy) = (new Vector<float>(px), new Vector<float>(py));
        Vector<float> z = default, fx = default, fy = default;
        ref var xs = ref MemoryMarshal.GetArrayDataReference(l.X);
        ref var ys = ref MemoryMarshal.GetArrayDataReference(l.Y);
        ref var ms = ref MemoryMarshal.GetArrayDataReference(l.M);
        for (nuint k = 0, n = (nuint)l.Length; k < n; k += (nuint)Vector<float>.Count)
        {
            var dx = vx - Vector.LoadUnsafe(ref xs, k);
            var dy = vy - Vector.LoadUnsafe(ref ys, k);
            var q = Vector<float>.One / (Vector<float>.One + (dx * dx) + (dy * dy));
            var mq = Vector.LoadUnsafe(ref ms, k) * q;
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
        ref var xs = ref MemoryMarshal.GetArrayDataReference(l.X);
        ref var ys = ref MemoryMarshal.GetArrayDataReference(l.Y);
        ref var zs = ref MemoryMarshal.GetArrayDataReference(l.Z);
        ref var ms = ref MemoryMarshal.GetArrayDataReference(l.M);
        for (nuint k = 0, n = (nuint)l.Length; k < n; k += (nuint)Vector<float>.Count)
        {
            var dx = vx - Vector.LoadUnsafe(ref xs, k);
            var dy = vy - Vector.LoadUnsafe(ref ys, k);
            var dz = vz - Vector.LoadUnsafe(ref zs, k);
            var q = Vector<float>.One / (Vector<float>.One + (dx * dx) + (dy * dy) + (dz * dz));
            var mq = Vector.LoadUnsafe(ref ms, k) * q;
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
        /// <summary>The list is padded to a multiple of the widest vector, which every narrower width divides.</summary>
        private static readonly int Lanes = Vector512<float>.Count;

        public float[] X = new float[1024];
        public float[] Y = new float[1024];
        public float[] Z = new float[1024];
        public float[] M = new float[1024];
        public int[] Stack = new int[256];

        /// <summary>Source cells left to a target's children, level after level.</summary>
        public int[] Pending = new int[256];

        public int PendingCount;

        /// <summary>Where the list's coordinates are measured from.</summary>
        public (double X, double Y, double Z) Origin;

        public int Length { get; private set; }

        public void Clear() => (Length, PendingCount) = (0, 0);

        /// <summary>Drops the entries past <paramref name="length"/> (a target's own, and padding).</summary>
        public void Truncate(int length) => Length = length;

        public int[] Push(ref int top, int cell)
        {
            if (top == Stack.Length)
            {
                Array.Resize(ref Stack, top * 2);
            }

            Stack[top++] = cell;
            return Stack;
        }

        public void Defer(int cell)
        {
            if (PendingCount == Pending.Length)
            {
                Array.Resize(ref Pending, PendingCount * 2);
            }

            Pending[PendingCount++] = cell;
        }

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
            while (Length % Lanes != 0)
            {
                Add(0, 0, 0, 0);
            }
        }
    }
}
