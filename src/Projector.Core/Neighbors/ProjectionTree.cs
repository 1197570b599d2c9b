using System.Numerics.Tensors;

namespace Projector.Core.Neighbors;

/// <summary>
/// A random projection tree that keeps its hyperplanes, so a new vector can be routed to the leaf of
/// rows it most likely lies among (<see cref="NeighborIndex"/>'s first candidates). Each split is the
/// hyperplane halfway between two random rows of the node, as in pynndescent's Euclidean trees; a node
/// whose rows all fall on one side (duplicates) is halved in row order instead.
/// </summary>
internal sealed class ProjectionTree
{
    private readonly int _dims;
    // Per inner node: its hyperplane's normal (dims values) and offset; children as node numbers, or
    // ~leaf for a leaf. A halved node has a zero normal and sends every query left.
    private readonly List<float> _normals = [];
    private readonly List<float> _offsets = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<(int Start, int Count)> _leaves = [];

    private ProjectionTree(int dims, int[] order)
    {
        _dims = dims;
        Order = order;
    }

    /// <summary>The rows, grouped leaf by leaf.</summary>
    public int[] Order { get; }

    /// <summary>Builds the tree of <paramref name="points"/> rows of <paramref name="rows"/> (row-major, <paramref name="dims"/> wide).</summary>
    public static ProjectionTree Build(float[] rows, int points, int dims, int leafSize, ulong seed)
    {
        var tree = new ProjectionTree(dims, [.. Enumerable.Range(0, points)]);
        var state = seed;
        var side = new bool[points];
        var normal = new float[dims];
        // (start, count, the parent's child slot to fill: node * 2 + (0 left, 1 right), -1 for the root)
        var work = new Stack<(int Start, int Count, int Slot)>();
        work.Push((0, points, -1));
        while (work.Count > 0)
        {
            var (start, count, slot) = work.Pop();
            int self;
            if (count <= leafSize)
            {
                tree._leaves.Add((start, count));
                self = ~(tree._leaves.Count - 1);
            }
            else
            {
                var members = tree.Order.AsSpan(start, count);
                var a = members[(int)(Next(ref state) % (ulong)count)];
                var b = members[(int)(Next(ref state) % (ulong)(count - 1))];
                if (b == a)
                {
                    b = members[count - 1];
                }

                var ra = rows.AsSpan(a * dims, dims);
                var rb = rows.AsSpan(b * dims, dims);
                TensorPrimitives.Subtract(ra, rb, normal);
                // The hyperplane through the midpoint: n · x = n · (a + b) / 2 = (|a|^2 - |b|^2) / 2.
                var offset = (TensorPrimitives.Dot(ra, ra) - TensorPrimitives.Dot(rb, rb)) / 2;
                var left = 0;
                for (var i = 0; i < count; i++)
                {
                    side[i] = TensorPrimitives.Dot(normal, rows.AsSpan(members[i] * dims, dims)) <= offset;
                    left += side[i] ? 1 : 0;
                }

                if (left == 0 || left == count)
                {
                    Array.Clear(normal);
                    offset = 0;
                    left = count / 2;
                }
                else
                {
                    // Stable partition: the left side's rows first, each side in its former order.
                    var copy = members.ToArray();
                    var l = 0;
                    var r = left;
                    for (var i = 0; i < count; i++)
                    {
                        members[side[i] ? l++ : r++] = copy[i];
                    }
                }

                self = tree._offsets.Count;
                tree._normals.AddRange(normal);
                tree._offsets.Add(offset);
                tree._left.Add(0);
                tree._right.Add(0);
                work.Push((start + left, count - left, (self * 2) + 1));
                work.Push((start, left, self * 2));
            }

            if (slot >= 0)
            {
                if ((slot & 1) == 0)
                {
                    tree._left[slot >> 1] = self;
                }
                else
                {
                    tree._right[slot >> 1] = self;
                }
            }
            else if (self < 0)
            {
                // A root that is a leaf: no inner node.
                tree._offsets.Add(float.PositiveInfinity);
                tree._normals.AddRange(new float[dims]);
                tree._left.Add(self);
                tree._right.Add(self);
            }
        }

        return tree;
    }

    /// <summary>The leaf <paramref name="query"/> falls in, as a range of <see cref="Order"/>.</summary>
    public (int Start, int Count) Leaf(ReadOnlySpan<float> query)
    {
        var node = 0;
        var normals = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_normals);
        while (true)
        {
            var normal = normals.Slice(node * _dims, _dims);
            var next = TensorPrimitives.Dot(normal, query) <= _offsets[node] ? _left[node] : _right[node];
            if (next < 0)
            {
                return _leaves[~next];
            }

            node = next;
        }
    }

    // SplitMix64: the same stream on every platform and runtime version.
    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
