using Projector.Core;

namespace Projector.Cli;

/// <summary>Words a Core <see cref="Remedy"/> as the flag that applies it.</summary>
internal static class CliRemedies
{
    public static string Flag(Remedy remedy) => remedy.Option switch
    {
        RemedyOption.TensorName => $"--tensor {Quote(remedy.Value ?? "NAME")}",
        RemedyOption.Shape => $"--shape {remedy.Value ?? "N,D"}",
        RemedyOption.AllowNonFinite => "--allow-nonfinite",
        RemedyOption.Columns => $"--columns {Quote(remedy.Value ?? "PATTERN")}",
        RemedyOption.Force => "--force",
        RemedyOption.LayoutDimensions => $"projector project --dims {remedy.Value ?? "2"}",
        _ => remedy.ToString(),
    };

    private static string Quote(string value) => value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or '*' or '?' or '|' or '&' or ';' or '(' or ')' or '<' or '>')
        ? $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'"
        : value;
}
