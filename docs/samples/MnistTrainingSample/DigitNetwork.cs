using System.Numerics.Tensors;

namespace MnistTrainingSample;

/// <summary>
/// The sample's network: 784 pixels → 128 (ReLU) → 32 (ReLU, the embedding) → 10 logits, trained on a
/// softmax cross-entropy loss. The 32 values before the logits are the layer the projector log shows.
/// </summary>
public sealed class DigitNetwork
{
    /// <summary>Pixels per digit.</summary>
    public const int Pixels = 28 * 28;

    /// <summary>Width of the hidden layer.</summary>
    public const int Hidden = 128;

    /// <summary>Width of the embedding, the layer before the logits.</summary>
    public const int EmbeddingSize = 32;

    /// <summary>Digits 0 to 9.</summary>
    public const int Classes = 10;

    private readonly DenseLayer[] _layers;
    private float[][] _activations = [];
    private float[][] _gradients = [];

    /// <summary>A network whose weights come from <paramref name="seed"/>.</summary>
    public DigitNetwork(int seed)
    {
        var random = new Random(seed);
        _layers = [new DenseLayer(Pixels, Hidden, relu: true, random), new DenseLayer(Hidden, EmbeddingSize, relu: true, random), new DenseLayer(EmbeddingSize, Classes, relu: false, random)];
    }

    /// <summary>The layers, input first.</summary>
    public IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>
    /// One training step on <paramref name="rows"/> digits: forward, softmax cross-entropy, backward,
    /// SGD with momentum. Returns the batch's mean loss.
    /// </summary>
    public float TrainStep(ReadOnlySpan<float> pixels, ReadOnlySpan<int> labels, int rows, float learningRate, float momentum)
    {
        var loss = Gradients(pixels, labels, rows);
        foreach (var layer in _layers)
        {
            layer.Step(learningRate, momentum);
        }

        return loss;
    }

    /// <summary>
    /// The batch's mean loss, with its gradients added to each layer's (not applied): what
    /// <see cref="TrainStep"/> does before its update, for checks against finite differences.
    /// </summary>
    public float Gradients(ReadOnlySpan<float> pixels, ReadOnlySpan<int> labels, int rows)
    {
        if (labels.Length < rows || pixels.Length < rows * Pixels)
        {
            throw new ArgumentException($"{rows} rows need {rows * Pixels} pixels and {rows} labels.", nameof(rows));
        }

        Forward(pixels, rows, _layers.Length);
        var logits = _activations[^1];
        var delta = _gradients[^1];
        var loss = 0.0;
        for (var r = 0; r < rows; r++)
        {
            // d(mean cross-entropy)/d(logits) = (softmax − one-hot) / rows.
            var p = delta.AsSpan(r * Classes, Classes);
            TensorPrimitives.SoftMax(logits.AsSpan(r * Classes, Classes), p);
            loss -= Math.Log(Math.Max(p[labels[r]], 1e-30f));
            p[labels[r]] -= 1f;
            TensorPrimitives.Multiply(p, 1f / rows, p);
        }

        for (var l = _layers.Length - 1; l >= 0; l--)
        {
            var input = l == 0 ? pixels : _activations[l - 1];
            var inputGradient = l == 0 ? Span<float>.Empty : _gradients[l - 1].AsSpan();
            _layers[l].Backward(input, _activations[l], _gradients[l], inputGradient, rows);
        }

        return (float)(loss / rows);
    }

    /// <summary>Writes the embedding (the layer before the logits) of <paramref name="rows"/> digits into <paramref name="embedding"/>.</summary>
    public void Embed(ReadOnlySpan<float> pixels, int rows, Span<float> embedding)
    {
        Forward(pixels, rows, _layers.Length - 1);
        _activations[^2].AsSpan(0, rows * EmbeddingSize).CopyTo(embedding);
    }

    /// <summary>The most likely digit for each of <paramref name="rows"/> digits.</summary>
    public int[] Predict(ReadOnlySpan<float> pixels, int rows)
    {
        Forward(pixels, rows, _layers.Length);
        var predicted = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            predicted[r] = TensorPrimitives.IndexOfMax(_activations[^1].AsSpan(r * Classes, Classes));
        }

        return predicted;
    }

    private void Forward(ReadOnlySpan<float> pixels, int rows, int layers)
    {
        if (_activations.Length == 0 || _activations[0].Length < rows * Hidden)
        {
            _activations = [.. _layers.Select(l => new float[rows * l.Outputs])];
            _gradients = [.. _layers.Select(l => new float[rows * l.Outputs])];
        }

        for (var l = 0; l < layers; l++)
        {
            _layers[l].Forward(l == 0 ? pixels : _activations[l - 1], _activations[l], rows);
        }
    }
}
