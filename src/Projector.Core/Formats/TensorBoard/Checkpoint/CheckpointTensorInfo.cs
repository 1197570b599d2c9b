namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>One tensor listed in a checkpoint's index.</summary>
/// <param name="Name">The key, e.g. <c>embedding</c> or <c>embedding/.ATTRIBUTES/VARIABLE_VALUE</c>.</param>
/// <param name="DType">The element type: <c>float32</c>, <c>float64</c>, <c>float16</c>, <c>bfloat16</c>, <c>int32</c>, ..., <c>string</c>.</param>
/// <param name="Shape">The size of each dimension; empty for a scalar.</param>
/// <param name="SliceCount">How many slices a partitioned variable is stored in; 0 when it is stored whole.</param>
public sealed record CheckpointTensorInfo(string Name, string DType, IReadOnlyList<long> Shape, int SliceCount);
