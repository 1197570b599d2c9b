using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Projector.Core.Projections;

namespace Projector.Server.Jobs;

/// <summary>
/// The layout of the previous training step a new layout is turned onto (a request's <c>alignTo</c>): its
/// first <see cref="Columns"/> columns are matched by orthogonal Procrustes. PCA's components are turned
/// together, so a component that flipped sign or swapped places with the next one from one step to the
/// other is matched too; columns the previous step lacks are kept as computed.
/// </summary>
/// <param name="Reference">The previous step's positions, N x <paramref name="ReferenceDims"/>.</param>
/// <param name="ReferenceDims">Columns of <paramref name="Reference"/>.</param>
/// <param name="Columns">Columns aligned: a t-SNE's or UMAP's dimensions, or the PCA components both steps have.</param>
internal sealed record AlignedStep(float[] Reference, int ReferenceDims, int Columns)
{
    /// <summary>Part of the cache key: the same reference gives the same aligned layout.</summary>
    public string Key { get; } = "aligned=" + Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(Reference.AsSpan())))[..32] + $"x{Columns}";

    /// <summary>The first <paramref name="columns"/> columns of <paramref name="positions"/> (N x <paramref name="dims"/>), row-major.</summary>
    public static float[] FirstColumns(ReadOnlySpan<float> positions, int points, int dims, int columns)
    {
        var result = new float[(long)points * columns];
        for (var i = 0; i < points; i++)
        {
            positions.Slice(i * dims, columns).CopyTo(result.AsSpan(i * columns, columns));
        }

        return result;
    }

    /// <summary><paramref name="frame"/> (of the reference's rows) with its first <see cref="Columns"/> columns turned onto the reference's.</summary>
    public ProjectionFrame Apply(ProjectionFrame frame)
    {
        var points = frame.Points;
        var dims = frame.Dimensions;
        var columns = Math.Min(Columns, dims);
        var reference = FirstColumns(Reference, points, ReferenceDims, columns);
        var moving = FirstColumns(frame.Positions, points, dims, columns);
        var aligned = StepAlignment.Align(reference, moving, points, columns);
        var positions = frame.Positions.AsSpan(0, points * dims).ToArray();
        for (var i = 0; i < points; i++)
        {
            aligned.AsSpan(i * columns, columns).CopyTo(positions.AsSpan(i * dims, columns));
        }

        return frame with { Positions = positions };
    }
}
