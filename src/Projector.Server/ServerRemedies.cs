using Projector.Core;

namespace Projector.Server;

/// <summary>Words a Core <see cref="Remedy"/> in the API's terms: the request field that applies it, or what to do.</summary>
internal static class ServerRemedies
{
    public static string Field(Remedy remedy) => remedy.Option switch
    {
        RemedyOption.TensorName => $"open one tensor of it, e.g. {remedy.Value ?? "NAME"}",
        RemedyOption.Shape => $"the upload field shape = \"{remedy.Value ?? "N,D"}\"",
        RemedyOption.AllowNonFinite => "the server reads finite values only; clean the file first",
        RemedyOption.Columns => $"choose the vector columns ({remedy.Value ?? "PATTERN"}) when converting the file",
        RemedyOption.LayoutDimensions => $"a layout of {remedy.Value ?? "2"} dimensions",
        _ => remedy.ToString(),
    };

    /// <summary>The one line of <paramref name="e"/> in the API's terms.</summary>
    public static string Describe(DataFormatException e) => e.Describe(Field);
}
