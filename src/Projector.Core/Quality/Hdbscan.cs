namespace Projector.Core.Quality;

// HDBSCAN (Campello, Moulavi and Sander 2013; McInnes and Healy 2017) on a layout's kNN graph. No served
// package clusters: nuget.tsv has no HDBSCAN, DBSCAN, Leiden or Louvain, and ML.NET's k-means needs the
// number of clusters and cuts t-SNE's curved or touching islands by Voronoi cells. Density-based HDBSCAN
// finds the islands of any shape, calls the stragglers between them noise and has one knob (the smallest
// cluster). Exactness: the minimum spanning tree of the mutual-reachability distances is taken over the
// layout's k-nearest-neighbour edges (k = max(min samples, 15)) instead of all pairs: in 2-D and 3-D every
// edge of the exact tree that joins two dense regions has a near twin in the graph, and a region the graph
// leaves unconnected is a separate cluster at every density anyway (a forest under a virtual root at
// λ = 0). The price: two islands that the graph links only through sparse stragglers between them take
// those stragglers as members instead of noise (a test pins it). That makes it O(N log N): a million
// points of a map-like layout take 4.7 s of CPU, and at 10,000 points its clusters agree with HDBSCAN
// over the exact all-pairs tree with an adjusted Rand index of 0.999 (docs/benchmarks.md, "Clusters of a
// layout"); on five Gaussian blobs it recovers the blobs (ARI > 0.9, LayoutClustersTests).

/// <summary>HDBSCAN with excess-of-mass selection over a kNN graph: one cluster id per point, −1 for noise.</summary>
internal static class Hdbscan
{
    /// <summary>
    /// Clusters from the flat N x k neighbour lists (nearest first) of every point. Cluster ids are in
    /// no particular order; the caller renumbers them.
    /// </summary>
    public static int[] Cluster(int n, int k, int[] neighbors, float[] distances, int minSamples, int minClusterSize, double minDistance, CancellationToken cancellationToken)
    {
        var core = CoreDistances(n, k, distances, minSamples);
        var m = (long)n * k;
        var from = new int[m];
        var weight = new float[m];
        for (long e = 0; e < m; e++)
        {
            var i = (int)(e / k);
            from[e] = i;
            weight[e] = Math.Max(distances[e], Math.Max(core[i], core[neighbors[e]]));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return FromEdges(n, from, neighbors, weight, minClusterSize, minDistance, cancellationToken);
    }

    /// <summary>Each point's core distance: the distance to its <paramref name="minSamples"/>-th neighbour.</summary>
    public static float[] CoreDistances(int n, int k, float[] distances, int minSamples)
    {
        var core = new float[n];
        for (var i = 0; i < n; i++)
        {
            core[i] = distances[((long)i * k) + Math.Min(minSamples, k) - 1];
        }

        return core;
    }

    /// <summary>Clusters from any set of mutual-reachability edges (e.g. an exact minimum spanning tree).</summary>
    public static int[] FromEdges(int n, int[] from, int[] to, float[] weight, int minClusterSize, double minDistance, CancellationToken cancellationToken)
    {
        minClusterSize = Math.Max(2, minClusterSize);
        var (left, right, height, size, roots) = SingleLinkage(n, from, to, weight);
        cancellationToken.ThrowIfCancellationRequested();
        return Condense(n, left, right, height, size, roots, minClusterSize, minDistance);
    }

    /// <summary>
    /// Kruskal over the edges: the dendrogram (internal node m is n + m, with its two children, its height
    /// and its size) and the roots of its trees.
    /// </summary>
    private static (int[] Left, int[] Right, float[] Height, int[] Size, List<int> Roots) SingleLinkage(int n, int[] from, int[] to, float[] weight)
    {
        // Weight bits and the edge number in one long: non-negative floats order as their bit patterns,
        // and the edge number makes the order total, so equal weights merge the same way on every run.
        var m = from.Length;
        var keys = new long[m];
        for (var e = 0; e < m; e++)
        {
            keys[e] = ((long)BitConverter.SingleToInt32Bits(weight[e]) << 32) | (uint)e;
        }

        Array.Sort(keys);
        var parent = new int[n];
        var top = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
            top[i] = i;
        }

        var left = new int[Math.Max(0, n - 1)];
        var right = new int[Math.Max(0, n - 1)];
        var height = new float[Math.Max(0, n - 1)];
        var size = new int[Math.Max(0, (2 * n) - 1)];
        for (var i = 0; i < n; i++)
        {
            size[i] = 1;
        }

        var merges = 0;
        foreach (var key in keys)
        {
            var e = (int)(uint)key;
            var a = Find(parent, from[e]);
            var b = Find(parent, to[e]);
            if (a == b)
            {
                continue;
            }

            left[merges] = top[a];
            right[merges] = top[b];
            height[merges] = weight[e];
            var node = n + merges;
            size[node] = size[top[a]] + size[top[b]];
            parent[b] = a;
            top[a] = node;
            merges++;
            if (merges == n - 1)
            {
                break;
            }
        }

        var roots = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (Find(parent, i) == i)
            {
                roots.Add(top[i]);
            }
        }

        return (left, right, height, size, roots);
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    /// <summary>The condensed tree, its stabilities, the excess-of-mass selection and each point's cluster.</summary>
    private static int[] Condense(int n, int[] left, int[] right, float[] height, int[] size, List<int> roots, int minClusterSize, double minDistance)
    {
        // Condensed cluster 0 is the root, born at λ = 0; it is never selected.
        var clusterParent = new List<int> { -1 };
        var birth = new List<double> { 0 };
        var stability = new List<double> { 0 };
        var fellFrom = new int[n];
        var stack = new Stack<(int Node, int Cluster)>();
        var big = roots.Count(r => size[r] >= minClusterSize);
        foreach (var root in roots)
        {
            if (size[root] < minClusterSize)
            {
                FallOut(root, 0, n, left, right, fellFrom);
            }
            else if (big == 1)
            {
                stack.Push((root, 0));
            }
            else
            {
                stack.Push((root, NewCluster(clusterParent, birth, stability, 0, 0)));
            }
        }

        while (stack.Count > 0)
        {
            var (node, c) = stack.Pop();
            if (node < n)
            {
                fellFrom[node] = c;
                continue;
            }

            var lambda = 1.0 / Math.Max(height[node - n], minDistance);
            var l = left[node - n];
            var r = right[node - n];
            var lBig = size[l] >= minClusterSize;
            var rBig = size[r] >= minClusterSize;
            stability[c] += (lambda - birth[c]) * ((lBig ? 0 : size[l]) + (rBig ? 0 : size[r]) + (lBig && rBig ? size[l] + size[r] : 0));
            if (lBig && rBig)
            {
                stack.Push((l, NewCluster(clusterParent, birth, stability, c, lambda)));
                stack.Push((r, NewCluster(clusterParent, birth, stability, c, lambda)));
                continue;
            }

            // A side too small to be a cluster falls out of c here; a big side carries c on.
            if (lBig)
            {
                stack.Push((l, c));
            }
            else
            {
                FallOut(l, c, n, left, right, fellFrom);
            }

            if (rBig)
            {
                stack.Push((r, c));
            }
            else
            {
                FallOut(r, c, n, left, right, fellFrom);
            }
        }

        var chosen = Select(clusterParent, stability);
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = chosen[fellFrom[i]];
        }

        return labels;
    }

    /// <summary>
    /// Excess of mass: a cluster is kept when it is at least as stable as its descendants' best; the
    /// answer maps every condensed cluster to the kept cluster it lies in, or −1.
    /// </summary>
    private static int[] Select(List<int> clusterParent, List<double> stability)
    {
        var count = clusterParent.Count;
        var best = new double[count];
        var childSum = new double[count];
        var hasChild = new bool[count];
        var selected = new bool[count];

        // Children are numbered after their parents, so a downward loop sees every child before its parent.
        for (var c = count - 1; c >= 1; c--)
        {
            selected[c] = !hasChild[c] || stability[c] >= childSum[c];
            best[c] = selected[c] ? stability[c] : childSum[c];
            childSum[clusterParent[c]] += best[c];
            hasChild[clusterParent[c]] = true;
        }

        var chosen = new int[count];
        chosen[0] = -1;
        for (var c = 1; c < count; c++)
        {
            var above = chosen[clusterParent[c]];
            chosen[c] = above >= 0 ? above : selected[c] ? c : -1;
        }

        return chosen;
    }

    private static int NewCluster(List<int> clusterParent, List<double> birth, List<double> stability, int parent, double lambda)
    {
        clusterParent.Add(parent);
        birth.Add(lambda);
        stability.Add(0);
        return clusterParent.Count - 1;
    }

    /// <summary>Every point under <paramref name="node"/> leaves the cluster <paramref name="cluster"/>.</summary>
    private static void FallOut(int node, int cluster, int n, int[] left, int[] right, int[] fellFrom)
    {
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x < n)
            {
                fellFrom[x] = cluster;
                continue;
            }

            stack.Push(left[x - n]);
            stack.Push(right[x - n]);
        }
    }
}
