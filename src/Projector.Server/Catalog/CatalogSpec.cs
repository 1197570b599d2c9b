using Projector.Core.Formats;

namespace Projector.Server.Catalog;

/// <summary>
/// One embedding a served input holds, known before any tensor is read: how to name it and how to
/// read it (the input plus the tensor, run and step that pick it out).
/// </summary>
/// <param name="IdParts">The pieces the id is built from, most general first.</param>
/// <param name="Name">A display name.</param>
/// <param name="Source">The input as given (path or <c>demo:</c> name).</param>
/// <param name="Group">Items of the same source share it.</param>
/// <param name="Tensor">The tensor name within the source.</param>
/// <param name="Run">TensorBoard run, if any.</param>
/// <param name="Step">Checkpoint step, if any.</param>
/// <param name="Input">What <see cref="DatasetReader"/> is given.</param>
/// <param name="Options">The reading options that pick this one embedding.</param>
/// <param name="HeaderShape">Rows and dimensions when a header tells them without reading the tensor (a checkpoint index).</param>
internal sealed record CatalogSpec(
    IReadOnlyList<string> IdParts,
    string Name,
    string Source,
    string Group,
    string Tensor,
    string? Run,
    long? Step,
    string Input,
    ReadOptions Options,
    (int Rows, int Dimensions)? HeaderShape = null)
{
    /// <summary>What makes two specs the same embedding, whatever path spelling found them.</summary>
    public string Key => string.Join(
        '\n',
        Input.StartsWith("demo:", StringComparison.Ordinal) ? Input : Path.GetFullPath(Input),
        Tensor,
        Run ?? string.Empty,
        Step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
}
