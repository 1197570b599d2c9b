using System.Globalization;

namespace Projector.Onnx;

/// <summary>Where a tensor sits in the graph.</summary>
public enum TensorRole
{
    /// <summary>A graph input the caller feeds.</summary>
    Input,

    /// <summary>A graph output.</summary>
    Output,

    /// <summary>The output of a node inside the graph (a layer that is not an output).</summary>
    Intermediate,
}

/// <summary>Where a tensor's shape came from.</summary>
public enum ShapeSource
{
    /// <summary>The file declares it (graph input or output, or <c>value_info</c> from shape inference).</summary>
    Declared,

    /// <summary>ONNX Runtime inferred it when loading the model.</summary>
    Inferred,

    /// <summary>Not known until the model runs.</summary>
    Unknown,
}

/// <summary>One axis of a tensor shape: a fixed size, a named free size (e.g. <c>batch</c>), or unknown.</summary>
/// <param name="Value">The size, when fixed.</param>
/// <param name="Symbol">The name of a free size, when the model gives one.</param>
public readonly record struct OnnxDimension(long? Value, string? Symbol)
{
    /// <summary>The size when fixed, else the symbol, else <c>?</c>.</summary>
    public override string ToString() => Value is { } v ? v.ToString(CultureInfo.InvariantCulture) : string.IsNullOrEmpty(Symbol) ? "?" : Symbol;
}

/// <summary>A tensor of an ONNX graph.</summary>
/// <param name="Name">The tensor's name (what <c>--layer</c> takes).</param>
/// <param name="Role">Input, output or intermediate.</param>
/// <param name="ElementType">float32, int64, ...; null when unknown.</param>
/// <param name="Shape">The axes, when known.</param>
/// <param name="Source">Where the shape came from.</param>
/// <param name="OpType">The operator of the node that computes it (Gemm, Relu, ...); null for inputs.</param>
/// <param name="NodeName">That node's name, when it has one.</param>
public sealed record OnnxTensorInfo(string Name, TensorRole Role, string? ElementType, IReadOnlyList<OnnxDimension>? Shape, ShapeSource Source, string? OpType, string? NodeName)
{
    /// <summary>The shape as <c>[batch, 64]</c>, or <c>unknown</c>.</summary>
    public string ShapeText => Shape is null ? "unknown" : "[" + string.Join(", ", Shape) + "]";
}
