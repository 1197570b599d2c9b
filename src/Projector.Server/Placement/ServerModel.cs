using Projector.Core;
using Projector.Core.Data;
using Projector.Onnx;

namespace Projector.Server.Placement;

/// <summary>
/// The ONNX model given with <c>serve --model</c>: opened once at start (a model that does not load stops
/// the server with its one line), then used one request at a time, since a session embeds one input at a time.
/// </summary>
internal sealed class ServerModel : IDisposable
{
    private readonly OnnxEmbedder _embedder;
    private readonly Lock _lock = new();

    private ServerModel(OnnxEmbedder embedder, string? layer)
    {
        _embedder = embedder;
        Layer = layer;
    }

    /// <summary>The model's file name, for messages.</summary>
    public string Name => Path.GetFileName(_embedder.Model.Path);

    /// <summary>The layer given with <c>--layer</c>; null for the model's output.</summary>
    public string? Layer { get; }

    /// <summary>Opens <paramref name="path"/> and checks <paramref name="layer"/> exists.</summary>
    /// <exception cref="DataFormatException">The file is not an ONNX model or the layer does not exist.</exception>
    public static ServerModel Open(string path, string? layer) =>
        new(OnnxEmbedder.Open(path, new EmbedOptions { Layer = layer }), layer);

    /// <summary>The layer's vectors for the images of <paramref name="folder"/>, in file-name order.</summary>
    public Dataset EmbedImages(string folder, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _embedder.EmbedImages(ImageFolder.Scan(folder), null, cancellationToken);
        }
    }

    /// <summary>The layer's vectors for rows of the model's input.</summary>
    public Dataset EmbedRows(EmbeddingMatrix rows, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _embedder.EmbedVectors(new Dataset("rows", rows, new MetadataTable(rows.Rows, [])), null, cancellationToken);
        }
    }

    public void Dispose() => _embedder.Dispose();
}
