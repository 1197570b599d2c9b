using System.Globalization;
using System.Runtime.InteropServices;
using Projector.Core.Data;
using Projector.Core.Quality;

namespace Projector.Bench.Quality;

/// <summary>
/// Scores a raw float32 layout against a raw float32 input with <see cref="LayoutQuality"/>, taking the same
/// files and printing the same line as the independent scorer <c>quality.py</c>, so the two can be compared.
/// </summary>
internal static class QualityCheck
{
    public static void Run(string input, int dims, string embedding, int embDims, string labelsPath, TextWriter output)
    {
        var x = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(input)).ToArray();
        var y = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(embedding)).ToArray();
        var labels = File.ReadAllLines(labelsPath).Where(l => l.Length > 0).Select(l => (string?)l.Trim()).ToArray();
        using var data = EmbeddingMatrix.FromArray(x, x.Length / dims, dims);
        var r = LayoutQuality.Measure(data, y, embDims, labels, null);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"projector n={data.Rows} queries={r.SampleSize} knn_acc={r.LabelAccuracy:F4} knn_pres={r.KnnPreservation:F4} trust={r.Trustworthiness:F4}"));
    }
}
