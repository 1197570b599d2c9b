using System.Diagnostics;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Imaging;
using Projector.Core.Neighbors;

namespace MnistTrainingSample;

/// <summary>What one written step of the log held.</summary>
/// <param name="Step">The training step.</param>
/// <param name="Loss">The mean training loss over the steps since the last report.</param>
/// <param name="Accuracy">The share of the held-out digits the network classifies right.</param>
/// <param name="NeighbourAgreement">The share of each held-out digit's 5 nearest neighbours in the embedding that are the same digit.</param>
public sealed record StepReport(long Step, double Loss, double Accuracy, double NeighbourAgreement);

/// <summary>
/// Trains <see cref="DigitNetwork"/> on the demo MNIST digits and writes the embedding of the held-out
/// digits, with their labels, predictions and pictures, into a TensorBoard projector log at the chosen steps.
/// </summary>
public static class DigitTraining
{
    /// <summary>The digits kept out of training, whose embedding the log holds.</summary>
    public const int HeldOut = 1000;

    /// <summary>The run folder inside the log folder.</summary>
    public const string RunName = "mnist-mlp";

    /// <summary>The tensor name in the log.</summary>
    public const string TensorName = "embedding";

    private const int Batch = 64;
    private const float LearningRate = 0.05f;
    private const float Momentum = 0.9f;
    private const int ReportEvery = 1000;
    private const int Neighbours = 5;

    /// <summary>
    /// Trains until the last of <paramref name="steps"/> (ascending, positive) and writes the log at each;
    /// prints progress to <paramref name="output"/>. The same <paramref name="seed"/> writes the same log.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the steps written so far stay.</exception>
    public static IReadOnlyList<StepReport> Run(Dataset digits, string logDir, IReadOnlyList<long> steps, int seed, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digits);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(output);
        if (digits.Dimensions != DigitNetwork.Pixels || digits.Points <= HeldOut || digits.Metadata["label"] is not { } labelColumn)
        {
            throw new ArgumentException($"Expected more than {HeldOut} digits of {DigitNetwork.Pixels} pixels with a label column.", nameof(digits));
        }

        if (steps.Count == 0 || steps[0] <= 0 || steps.Zip(steps.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException("Steps must be positive and ascending.", nameof(steps));
        }

        var labels = labelColumn.Values.Select(v => int.Parse(v ?? "", CultureInfo.InvariantCulture)).ToArray();
        var order = Enumerable.Range(0, digits.Points).ToArray();
        new Random(seed).Shuffle(order);
        var (testPixels, testLabels) = Gather(digits.Matrix, labels, order.AsSpan(0, HeldOut));
        var (trainPixels, trainLabels) = Gather(digits.Matrix, labels, order.AsSpan(HeldOut));
        var train = trainLabels.Length;
        var sprite = SpriteBuilder.FromPixelRows(HeldOut, i => testPixels.AsSpan(i * DigitNetwork.Pixels, DigitNetwork.Pixels), 28, 28, "held-out digits", cancellationToken: cancellationToken).Sheet;

        var network = new DigitNetwork(seed);
        var random = new Random(seed + 1);
        var batchPixels = new float[Batch * DigitNetwork.Pixels];
        var batchLabels = new int[Batch];
        var reports = new List<StepReport>();
        var lossSum = 0.0;
        var lossCount = 0;
        var clock = Stopwatch.StartNew();
        var last = steps[^1];
        var next = 0;
        for (long step = 1; step <= last; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var b = 0; b < Batch; b++)
            {
                var i = random.Next(train);
                trainPixels.AsSpan(i * DigitNetwork.Pixels, DigitNetwork.Pixels).CopyTo(batchPixels.AsSpan(b * DigitNetwork.Pixels));
                batchLabels[b] = trainLabels[i];
            }

            lossSum += network.TrainStep(batchPixels, batchLabels, Batch, LearningRate, Momentum);
            lossCount++;
            if (step % ReportEvery == 0 && step != steps[next])
            {
                output.WriteLine($"step {step}/{last}: loss {lossSum / lossCount:F3}, {clock.Elapsed.TotalSeconds:F1} s");
            }

            if (step == steps[next])
            {
                var report = WriteStep(network, step, lossSum / lossCount, testPixels, testLabels, sprite, logDir, cancellationToken);
                reports.Add(report);
                output.WriteLine($"step {step}/{last}: loss {report.Loss:F3}, held-out accuracy {report.Accuracy:P1}, same-digit neighbours in the embedding {report.NeighbourAgreement:P1}, {clock.Elapsed.TotalSeconds:F1} s; wrote {Path.Combine(logDir, RunName)}");
                next++;
                lossSum = 0;
                lossCount = 0;
            }
        }

        return reports;
    }

    private static StepReport WriteStep(DigitNetwork network, long step, double loss, float[] pixels, int[] labels, SpriteSheet sprite, string logDir, CancellationToken cancellationToken)
    {
        var values = new float[HeldOut * DigitNetwork.EmbeddingSize];
        network.Embed(pixels, HeldOut, values);
        var predicted = network.Predict(pixels, HeldOut);
        var metadata = new MetadataTable(HeldOut,
        [
            new MetadataColumn("label", [.. labels.Select(l => (string?)l.ToString(CultureInfo.InvariantCulture))]),
            new MetadataColumn("predicted", [.. predicted.Select(p => (string?)p.ToString(CultureInfo.InvariantCulture))]),
        ]);
        using var embedding = new Dataset(TensorName, EmbeddingMatrix.FromArray(values, HeldOut, DigitNetwork.EmbeddingSize), metadata, sprite);
        new ProjectorLogWriter(Path.Combine(logDir, RunName)).Add(embedding).Write(step, cancellationToken);

        var accuracy = (double)predicted.Where((p, i) => p == labels[i]).Count() / HeldOut;
        return new StepReport(step, loss, accuracy, NeighbourAgreement(embedding.Matrix, labels, cancellationToken));
    }

    /// <summary>How much the embedding groups digits by label: the share of 5 nearest neighbours that are the same digit.</summary>
    public static double NeighbourAgreement(EmbeddingMatrix embedding, IReadOnlyList<int> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(labels);
        var graph = NeighborSearch.BuildGraph(embedding, Neighbours, Metric.Euclidean, cancellationToken: cancellationToken);
        var same = 0;
        for (var i = 0; i < graph.Points; i++)
        {
            foreach (var j in graph.Indices(i))
            {
                same += labels[j] == labels[i] ? 1 : 0;
            }
        }

        return (double)same / (graph.Points * graph.K);
    }

    private static (float[] Pixels, int[] Labels) Gather(EmbeddingMatrix matrix, int[] labels, ReadOnlySpan<int> rows)
    {
        var pixels = new float[rows.Length * DigitNetwork.Pixels];
        var chosen = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            matrix.Row(rows[i]).CopyTo(pixels.AsSpan(i * DigitNetwork.Pixels));
            chosen[i] = labels[rows[i]];
        }

        return (pixels, chosen);
    }
}
