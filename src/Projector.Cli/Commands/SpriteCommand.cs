using System.CommandLine;
using Projector.Core.Formats;
using Projector.Core.Imaging;
using Projector.Core.Imaging.Png;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector sprite IMAGES... -o sprite.png [--tile W,H]</c>: a sprite sheet in the TF projector's
/// square row-major grid, from image files, a folder (name order), a list file, or (<c>--pixels</c>)
/// a matrix of grayscale or RGB pixel rows.
/// </summary>
internal static class SpriteCommand
{
    public static Command Create(CliContext context)
    {
        var images = new Argument<string[]>("IMAGES") { Description = "Image files (PNG, JPEG, WebP, GIF, BMP), one folder (name order) or one .txt list file", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The sprite PNG to write", Required = true };
        var tile = new Option<string?>("--tile") { Description = "Tile size W,H (default: the first image's size; required with --pixels)" };
        var pixels = new Option<string?>("--pixels") { Description = "Build from a matrix of pixel rows (W*H gray or W*H*3 RGB values per row, in [0,1] or [0,255])" };
        var options = new CliOptions();
        var command = new Command("sprite", "Build a sprite sheet") { images, output, tile, pixels };
        options.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var target = parsed.GetValue(output)!;
            (int A, int B)? tileSize = parsed.GetValue(tile) is { } t ? CliOptions.ParsePair(t, "--tile") : null;
            var inputs = parsed.GetValue(images) ?? [];
            SpriteBuildResult result;
            if (parsed.GetValue(pixels) is { } matrixPath)
            {
                if (tileSize is not { } size)
                {
                    throw new UsageException("--pixels needs --tile W,H");
                }

                using var d = CliProgress.Run(context, $"Reading {matrixPath}", p => DatasetReader.Read(matrixPath, options.ToReadOptions(parsed, matrixPath, p, ct)));
                result = CliProgress.Run(context, "Building sprite", p => SpriteBuilder.FromMatrix(d.Matrix, size.A, size.B, matrixPath, Tiles(p, d.Points), ct));
            }
            else
            {
                var files = ResolveImages(inputs);
                result = CliProgress.Run(context, "Building sprite", p => SpriteBuilder.FromFiles(files, tileSize?.A, tileSize?.B, Tiles(p, files.Count), ct));
            }

            PngEncoder.Save(result.Sheet.GetImage(), target);
            if (result.Note is { } note)
            {
                context.Error.WriteLine($"note: {CliText.Safe(note)}");
            }

            var s = result.Sheet;
            context.Out.WriteLine($"wrote {target}: {result.TileCount} tiles of {s.TileWidth}x{s.TileHeight} in {s.Width}x{s.Height} (single_image_dim [{s.TileWidth}, {s.TileHeight}])");
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static Progress<int>? Tiles(IProgress<ReadProgress>? bar, int total) =>
        bar is null ? null : new Progress<int>(done => bar.Report(new ReadProgress(done, total)));

    private static IReadOnlyList<string> ResolveImages(string[] inputs)
    {
        if (inputs.Length == 0)
        {
            throw new UsageException("give image files, a folder, or a list file (or --pixels MATRIX)");
        }

        if (inputs.Length == 1 && Directory.Exists(inputs[0]))
        {
            var files = SpriteBuilder.ListImageFiles(inputs[0]);
            return files.Count > 0 ? files : throw new UsageException($"{inputs[0]} holds no image files (PNG, JPEG, WebP, GIF, BMP)");
        }

        if (inputs.Length == 1 && !ImageFile.HasImageExtension(inputs[0]))
        {
            return SpriteBuilder.ReadListFile(inputs[0]);
        }

        return inputs;
    }
}
