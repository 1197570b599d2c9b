namespace Projector.Core.Projections.Tsne;

/// <summary>
/// A quadtree (2-D) or octree (3-D) over the layout, each cell holding its point count and centre of
/// mass, rebuilt every iteration (van der Maaten 2014, openTSNE quad_tree.pyx).
/// </summary>
/// <remarks>
/// Cells live in flat arrays with their 2^d children contiguous, so a traversal is a loop over an
/// explicit stack. Points are inserted in index order on one thread: the tree, and so every sum over
/// it, is a function of the positions alone. Identical points stop splitting at <see cref="MaxDepth"/>
/// and share one leaf.
/// </remarks>
internal sealed class BarnesHutTree
{
    /// <summary>Deepest level; cells there are 2^−50 of the root's width, below float resolution of any layout.</summary>
    public const int MaxDepth = 50;

    private readonly int _dims;
    private readonly int _children;
    private int _count;

    public BarnesHutTree(double[] y, int points, int dims)
    {
        _dims = dims;
        _children = 1 << dims;
        var capacity = Math.Max(16, points * 2);
        Center = new double[capacity * dims];
        Mass = new double[capacity * dims];
        HalfWidth = new double[capacity];
        Count = new int[capacity];
        FirstChild = new int[capacity];
        Point = new int[capacity];
        Depth = new int[capacity];
        LeafOf = new int[points];

        // Root: the bounding square (cube) of all points, slightly enlarged so the max lies inside.
        Span<double> lo = stackalloc double[dims];
        Span<double> hi = stackalloc double[dims];
        lo.Fill(double.PositiveInfinity);
        hi.Fill(double.NegativeInfinity);
        for (var i = 0; i < points; i++)
        {
            for (var d = 0; d < dims; d++)
            {
                lo[d] = Math.Min(lo[d], y[(i * dims) + d]);
                hi[d] = Math.Max(hi[d], y[(i * dims) + d]);
            }
        }

        var half = 0.0;
        for (var d = 0; d < dims; d++)
        {
            half = Math.Max(half, (hi[d] - lo[d]) / 2);
        }

        half = (half * (1 + 1e-6)) + 1e-12;
        var root = NewCell(0);
        for (var d = 0; d < dims; d++)
        {
            Center[(root * dims) + d] = (lo[d] + hi[d]) / 2;
        }

        HalfWidth[root] = half;
        for (var i = 0; i < points; i++)
        {
            Insert(y, i);
        }

        // Turn mass sums into centres of mass, and pack what a traversal reads into one record per cell.
        Nodes = new Node[_count];
        for (var c = 0; c < _count; c++)
        {
            for (var d = 0; d < dims; d++)
            {
                Mass[(c * dims) + d] /= Math.Max(1, Count[c]);
            }

            var width = 2 * HalfWidth[c];
            Nodes[c] = new Node(
                Mass[c * dims],
                Mass[(c * dims) + 1],
                dims == 3 ? Mass[(c * dims) + 2] : 0,
                width * width,
                Count[c],
                FirstChild[c]);
        }
    }

    /// <summary>Per cell, what a traversal reads (40 bytes, one cache line or less), so a visit touches one record.</summary>
    /// <param name="X">Centre of mass, first coordinate.</param>
    /// <param name="Y">Centre of mass, second coordinate.</param>
    /// <param name="Z">Centre of mass, third coordinate (0 in 2-D).</param>
    /// <param name="Width2">Squared side length.</param>
    /// <param name="Count">Points in the cell.</param>
    /// <param name="FirstChild">First of 2^d children, or −1 for a leaf.</param>
    internal readonly record struct Node(double X, double Y, double Z, double Width2, int Count, int FirstChild);

    /// <summary>The cells as traversal records.</summary>
    public Node[] Nodes { get; }

    /// <summary>Geometric centre of each cell.</summary>
    public double[] Center { get; private set; }

    /// <summary>Centre of mass of each cell (after construction).</summary>
    public double[] Mass { get; private set; }

    /// <summary>Half the side length of each cell.</summary>
    public double[] HalfWidth { get; private set; }

    /// <summary>Points in each cell.</summary>
    public int[] Count { get; private set; }

    /// <summary>Index of the first of 2^d children, or −1 for a leaf.</summary>
    public int[] FirstChild { get; private set; }

    /// <summary>The point of a single-point leaf (−1 otherwise).</summary>
    public int[] Point { get; private set; }

    /// <summary>Level of each cell (root 0).</summary>
    public int[] Depth { get; private set; }

    /// <summary>The leaf each point ended in.</summary>
    public int[] LeafOf { get; }

    /// <summary>Number of cells.</summary>
    public int Cells => _count;

    private void Insert(double[] y, int i)
    {
        var cell = 0;
        while (true)
        {
            Count[cell]++;
            for (var d = 0; d < _dims; d++)
            {
                Mass[(cell * _dims) + d] += y[(i * _dims) + d];
            }

            if (FirstChild[cell] >= 0)
            {
                cell = FirstChild[cell] + ChildIndex(cell, y, i);
                continue;
            }

            if (Count[cell] == 1)
            {
                Point[cell] = i;
                LeafOf[i] = cell;
                return;
            }

            if (Depth[cell] >= MaxDepth)
            {
                // Duplicates share this leaf; it is no longer a single-point leaf.
                Point[cell] = -1;
                LeafOf[i] = cell;
                return;
            }

            // Split: push the resident point one level down, then continue with i from this cell's child.
            var resident = Point[cell];
            Point[cell] = -1;
            Split(cell);
            var child = FirstChild[cell] + ChildIndex(cell, y, resident);
            Count[child] = 1;
            Point[child] = resident;
            LeafOf[resident] = child;
            for (var d = 0; d < _dims; d++)
            {
                Mass[(child * _dims) + d] = y[(resident * _dims) + d];
            }

            cell = FirstChild[cell] + ChildIndex(cell, y, i);
        }
    }

    private int ChildIndex(int cell, double[] y, int i)
    {
        var index = 0;
        for (var d = 0; d < _dims; d++)
        {
            if (y[(i * _dims) + d] > Center[(cell * _dims) + d])
            {
                index |= 1 << d;
            }
        }

        return index;
    }

    private void Split(int cell)
    {
        var first = _count;
        var half = HalfWidth[cell] / 2;
        for (var c = 0; c < _children; c++)
        {
            var child = NewCell(Depth[cell] + 1);
            HalfWidth[child] = half;
            for (var d = 0; d < _dims; d++)
            {
                var sign = ((c >> d) & 1) == 1 ? 1 : -1;
                Center[(child * _dims) + d] = Center[(cell * _dims) + d] + (sign * half);
            }
        }

        FirstChild[cell] = first;
    }

    private int NewCell(int depth)
    {
        if (_count == Count.Length)
        {
            var size = _count * 2;
            Center = Grow(Center, size * _dims);
            Mass = Grow(Mass, size * _dims);
            HalfWidth = Grow(HalfWidth, size);
            Count = Grow(Count, size);
            FirstChild = Grow(FirstChild, size);
            Point = Grow(Point, size);
            Depth = Grow(Depth, size);
        }

        var c = _count++;
        FirstChild[c] = -1;
        Point[c] = -1;
        Count[c] = 0;
        Depth[c] = depth;
        HalfWidth[c] = 0;
        for (var d = 0; d < _dims; d++)
        {
            Mass[(c * _dims) + d] = 0;
        }

        return c;
    }

    private static T[] Grow<T>(T[] a, int size)
    {
        var b = new T[size];
        a.CopyTo(b, 0);
        return b;
    }
}
