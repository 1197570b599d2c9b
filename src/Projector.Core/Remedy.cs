namespace Projector.Core;

/// <summary>The option a reader or writer can be given to get past a problem.</summary>
public enum RemedyOption
{
    /// <summary>Which embedding of a multi-embedding input to read (<c>ReadOptions.TensorName</c>).</summary>
    TensorName,

    /// <summary>The rows and dimensions of raw data (<c>ReadOptions.Shape</c>).</summary>
    Shape,

    /// <summary>Accept NaN and infinite values (<c>ReadOptions.AllowNonFinite</c>).</summary>
    AllowNonFinite,

    /// <summary>Which columns hold the vector (<c>ReadOptions.CsvColumns</c>).</summary>
    Columns,

    /// <summary>Replace an earlier export (<c>ExportOptions.Force</c>).</summary>
    Force,

    /// <summary>Compute the layout with this many dimensions (<c>ProjectionRecipe.Dimensions</c>).</summary>
    LayoutDimensions,
}

/// <summary>
/// What fixes a problem, as data: the option and an example value. Core words it in its own terms; a host
/// words it as its flag (<c>--shape 10000,784</c>) or request field (<c>shape</c>).
/// </summary>
/// <param name="Option">The option to set.</param>
/// <param name="Value">An example value, or null for a switch.</param>
public sealed record Remedy(RemedyOption Option, string? Value = null)
{
    /// <summary>The library's own wording, e.g. <c>Shape = 10000,784</c>.</summary>
    public override string ToString() => Value is null ? Option.ToString() : $"{Option} = {Value}";
}
