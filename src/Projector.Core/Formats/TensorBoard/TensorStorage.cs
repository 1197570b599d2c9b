namespace Projector.Core.Formats.TensorBoard;

/// <summary>How <see cref="ProjectorLogWriter"/> stores the vectors.</summary>
public enum TensorStorage
{
    /// <summary>A TensorFlow tensor-bundle checkpoint named by <c>tensor_name</c> (one per step, so steps can be compared).</summary>
    Checkpoint,

    /// <summary>A TSV file named by <c>tensor_path</c>, as PyTorch's <c>add_embedding</c> writes.</summary>
    Tsv,
}
