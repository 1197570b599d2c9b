using Projector.Core.Data;

namespace Projector.Core.Publishing.Rendering;

/// <summary>Renders a map picture of a layout to a PNG, PDF or SVG file, chosen by the file's extension.</summary>
public static class MapRenderer
{
    /// <summary>True for the extensions the renderer writes (.png, .pdf, .svg).</summary>
    public static bool IsSupported(string path) => Path.GetExtension(path).ToLowerInvariant() is ".png" or ".pdf" or ".svg";

    /// <summary>Composes and writes the picture of <paramref name="dataset"/> at <paramref name="positions"/> to <paramref name="path"/> atomically.</summary>
    public static MapScene Save(string path, Dataset dataset, ReadOnlySpan<float> positions, int dims, MapOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var scene = MapScene.Compose(dataset, positions, dims, options);
        Save(path, scene, cancellationToken);
        return scene;
    }

    /// <summary>Writes <paramref name="scene"/> to <paramref name="path"/> (.png, .pdf or .svg) atomically.</summary>
    public static void Save(string path, MapScene scene, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(scene);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png":
                AtomicFile.Write(path, s => SkiaMapRenderer.WritePng(scene, s, cancellationToken));
                break;
            case ".pdf":
                AtomicFile.Write(path, s => SkiaMapRenderer.WritePdf(scene, s, cancellationToken));
                break;
            case ".svg":
                AtomicFile.Write(path, s =>
                {
                    using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
                    SvgMapWriter.Write(scene, w, cancellationToken);
                });
                break;
            default:
                throw new ArgumentException($"Cannot tell the picture format of '{path}'; use .png, .pdf or .svg.", nameof(path));
        }
    }
}
