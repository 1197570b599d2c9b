namespace Projector.Core.Formats.TensorBoard;

/// <summary>One saved checkpoint of a run.</summary>
/// <param name="Prefix">The checkpoint prefix (the <c>.index</c> and <c>.data-*</c> files are beside it).</param>
/// <param name="Step">The training step from the prefix's <c>-N</c> suffix, if it has one.</param>
public sealed record CheckpointStep(string Prefix, long? Step);
