namespace Projector.Core.Formats.Npz;

/// <summary>One array stored in an <c>.npz</c> archive.</summary>
/// <param name="Name">The array's name (the entry name without <c>.npy</c>), as passed to <c>numpy.savez</c>.</param>
/// <param name="Shape">The shape from the entry's header; empty when the header could not be read.</param>
/// <param name="DType">The element type (<c>float32</c>, ...), or the raw descr when it is not supported.</param>
/// <param name="Problem">Why the array cannot be read as vectors, or null when it can.</param>
public sealed record NpzTensorInfo(string Name, IReadOnlyList<long> Shape, string DType, string? Problem)
{
    /// <summary>True when the entry is a 2-D floating-point array, the usual embedding.</summary>
    public bool IsFloatMatrix => Problem is null && Shape.Count == 2 && DType.StartsWith("float", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} {(Shape.Count == 1 ? $"({Shape[0]},)" : "(" + string.Join(", ", Shape) + ")")} {DType}";
}
