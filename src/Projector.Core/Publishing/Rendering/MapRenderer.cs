using Projector.Core.Data;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Publishing.Rendering;

/// <summary>Renders a map picture of a layout to a PNG or SVG file, chosen by the file's extension.</summary>
public static class MapRenderer
{
    /// <summary>True for the extensions the renderer writes (.png, .svg).</summary>
    public static bool IsSupported(string path) => Path.GetExtension(path).ToLowerInvariant() is ".png" or ".svg";

    /// <summary>Composes and writes the picture of <paramref name="dataset"/> at <paramref name="positions"/> to <paramref name="path"/> atomically.</summary>
    public static MapScene Save(string path, Dataset dataset, ReadOnlySpan<float> positions, int dims, MapOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var scene = MapScene.Compose(dataset, positions, dims, options);
        Save(path, scene, cancellationToken);
        return scene;
    }

    /// <summary>Writes <paramref name="scene"/> to <paramref name="path"/> (.png or .svg) atomically.</summary>
    public static void Save(string path, MapScene scene, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(scene);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png":
                var image = PngMapRenderer.Render(scene, cancellationToken);
                AtomicFile.Write(path, s => PngEncoder.Encode(image, s, PngCompression.Optimal));
                break;
            case ".svg":
                AtomicFile.Write(path, s =>
                {
                    using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
                    SvgMapWriter.Write(scene, w, cancellationToken);
                });
                break;
            default:
                throw new ArgumentException($"Cannot tell the picture format of '{path}'; use .png or .svg.", nameof(path));
        }
    }
}
