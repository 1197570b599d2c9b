using Projector.Core.Data;
using SkiaSharp;

namespace Projector.Core.Imaging;

/// <summary>
/// Builds sprite sheets in the TF projector's layout: a square grid of ceil(sqrt(N)) tiles per side, row-major
/// (tile i at column i % side, row i / side), unused cells transparent, the sheet at most
/// <see cref="MaxSheetSide"/> pixels on a side (tiles are shrunk, keeping their aspect, when needed).
/// </summary>
public static class SpriteBuilder
{
    /// <summary>The largest sheet side in pixels; larger textures fail in the projector's WebGL.</summary>
    public const int MaxSheetSide = 8192;

    // Progress is reported every this many tiles (and at the end) so UI threads are not flooded.
    private const int ProgressEvery = 64;

    /// <summary>
    /// One tile per image file, in the given order. Tiles are <paramref name="tileWidth"/> x <paramref name="tileHeight"/>,
    /// or the first image's size when those are null. Images of another size are scaled to fit the tile with their
    /// aspect kept and centred (mipmaps when shrinking to half or less, Mitchell cubic otherwise); the margin is transparent.
    /// </summary>
    public static SpriteBuildResult FromFiles(IReadOnlyList<string> paths, int? tileWidth = null, int? tileHeight = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("At least one image is needed for a sprite.", nameof(paths));
        }

        if (tileWidth is null || tileHeight is null)
        {
            var first = ImageFile.ReadSize(paths[0]);
            tileWidth ??= first.Width;
            tileHeight ??= first.Height;
        }

        var layout = SpriteLayout.Plan(paths.Count, tileWidth.Value, tileHeight.Value, paths[0]);
        var sheet = layout.CreateSheet();
        for (var i = 0; i < paths.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tile = ImageFile.LoadFitted(paths[i], layout.TileWidth, layout.TileHeight);
            var (x, y) = layout.Origin(i);
            ImageResizer.Blit(tile, sheet, x, y);
            Report(progress, i + 1, paths.Count);
        }

        return layout.ToResult(sheet);
    }

    /// <summary>The image files (PNG, JPEG, WebP, GIF, BMP) directly in <paramref name="folder"/>, in ordinal order of their names.</summary>
    public static IReadOnlyList<string> ListImageFiles(string folder) => SpriteInputs.ListImageFiles(folder);

    /// <summary>
    /// The image paths listed in the text file <paramref name="listPath"/>, one per line, relative paths taken
    /// from the list file's folder; blank lines are skipped and every listed file must exist.
    /// </summary>
    public static IReadOnlyList<string> ReadListFile(string listPath) => SpriteInputs.ReadListFile(listPath);

    /// <summary>
    /// One tile per row of pixel values: grayscale (width x height values) or RGB (width x height x 3, interleaved),
    /// row-major. Values in [0, 1] are scaled to [0, 255]: the range is chosen by the largest value of all rows.
    /// </summary>
    /// <param name="count">Number of rows (points).</param>
    /// <param name="row">Returns the values of row i.</param>
    /// <param name="tileWidth">Width of the picture a row holds.</param>
    /// <param name="tileHeight">Height of the picture a row holds.</param>
    /// <param name="sourceName">Names the data in errors.</param>
    /// <param name="progress">Receives the number of tiles done.</param>
    /// <param name="cancellationToken">Stops the build between tiles.</param>
    public static SpriteBuildResult FromPixelRows(int count, Func<int, ReadOnlySpan<float>> row, int tileWidth, int tileHeight, string sourceName = "pixel rows", IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(sourceName);
        var layout = SpriteLayout.Plan(count, tileWidth, tileHeight, sourceName);
        var pixels = tileWidth * tileHeight;
        var channels = ChannelsOf(row(0).Length, tileWidth, tileHeight, sourceName);
        var max = 0f;
        for (var i = 0; i < count; i++)
        {
            var values = row(i);
            if (values.Length != pixels * channels)
            {
                throw new DataFormatException(sourceName, $"row {i} has {values.Length} values, row 0 has {pixels * channels}", "give every row the same tile size", line: i + 1);
            }

            foreach (var v in values)
            {
                max = v > max ? v : max;
            }
        }

        var scale = max <= 1f ? 255f : 1f;
        var sheet = layout.CreateSheet();
        var full = new RgbaImage(tileWidth, tileHeight);
        var shrink = layout.TileWidth != tileWidth || layout.TileHeight != tileHeight;
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Paint(row(i), channels, scale, full.Pixels);
            var (x, y) = layout.Origin(i);
            if (shrink)
            {
                ImageResizer.Scale(full, SKRectI.Create(tileWidth, tileHeight), sheet, SKRectI.Create(x, y, layout.TileWidth, layout.TileHeight));
            }
            else
            {
                ImageResizer.Blit(full, sheet, x, y);
            }

            Report(progress, i + 1, count);
        }

        return layout.ToResult(sheet);
    }

    /// <summary>One tile per row of <paramref name="matrix"/>; see <see cref="FromPixelRows"/> for the value layout.</summary>
    public static SpriteBuildResult FromMatrix(EmbeddingMatrix matrix, int tileWidth, int tileHeight, string sourceName = "pixel matrix", IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return FromPixelRows(matrix.Rows, matrix.Row, tileWidth, tileHeight, sourceName, progress, cancellationToken);
    }

    private static int ChannelsOf(int length, int width, int height, string source)
    {
        var pixels = width * height;
        return length == pixels ? 1
            : length == pixels * 3 ? 3
            : throw new DataFormatException(source, $"rows have {length} values but a {width}x{height} tile needs {pixels} (grayscale) or {pixels * 3} (RGB)", "give the tile size the pictures were flattened from", line: 1);
    }

    private static void Paint(ReadOnlySpan<float> values, int channels, float scale, byte[] rgba)
    {
        for (int p = 0, v = 0; p < rgba.Length; p += 4, v += channels)
        {
            var r = ToByte(values[v] * scale);
            rgba[p] = r;
            rgba[p + 1] = channels == 3 ? ToByte(values[v + 1] * scale) : r;
            rgba[p + 2] = channels == 3 ? ToByte(values[v + 2] * scale) : r;
            rgba[p + 3] = 255;
        }
    }

    // NaN becomes 0 rather than failing: a sprite is a picture, and one bad pixel should not stop it.
    private static byte ToByte(float v) => float.IsNaN(v) ? (byte)0 : (byte)Math.Clamp(MathF.Round(v), 0f, 255f);

    private static void Report(IProgress<int>? progress, int done, int total)
    {
        if (progress is not null && (done % ProgressEvery == 0 || done == total))
        {
            progress.Report(done);
        }
    }
}
