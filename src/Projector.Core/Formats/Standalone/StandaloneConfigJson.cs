using System.Text.Json;

namespace Projector.Core.Formats.Standalone;

/// <summary>Maps the config's JSON to <see cref="StandaloneConfig"/>, with one-line errors for every wrong field.</summary>
internal static class StandaloneConfigJson
{
    public static StandaloneConfig FromJson(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "the top level is not a JSON object");
        }

        if (!root.TryGetProperty("embeddings", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, "has no \"embeddings\" array");
        }

        var embeddings = new List<StandaloneEmbedding>();
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            embeddings.Add(Embedding(path, e, i++));
        }

        if (embeddings.Count == 0)
        {
            throw Error(path, "\"embeddings\" is empty");
        }

        return new StandaloneConfig(embeddings, String(path, root, "modelCheckpointPath", "config"));
    }

    private static StandaloneEmbedding Embedding(string path, JsonElement e, int index)
    {
        var where = $"embeddings[{index}]";
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"{where} is not an object");
        }

        var name = String(path, e, "tensorName", where) ?? $"embedding {index + 1}";
        var shape = IntArray(path, e, "tensorShape", where);
        if (shape is not null && (shape.Length != 2 || shape[0] < 0 || shape[1] <= 0))
        {
            throw Error(path, $"{where}.tensorShape must be [points, dimensions] with dimensions > 0");
        }

        StandaloneSprite? sprite = null;
        if (e.TryGetProperty("sprite", out var s) && s.ValueKind == JsonValueKind.Object)
        {
            var image = String(path, s, "imagePath", where + ".sprite") ?? throw Error(path, $"{where}.sprite has no imagePath");
            var dim = IntArray(path, s, "singleImageDim", where + ".sprite");
            if (dim is not [> 0, > 0])
            {
                throw Error(path, $"{where}.sprite.singleImageDim must be [width, height]");
            }

            sprite = new StandaloneSprite(image, dim);
        }

        return new StandaloneEmbedding(
            name,
            shape,
            String(path, e, "tensorPath", where),
            String(path, e, "metadataPath", where),
            String(path, e, "bookmarksPath", where),
            sprite);
    }

    private static string? String(string path, JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Error(path, $"{where}.{name} is not a string");
    }

    private static int[]? IntArray(string path, JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number || !x.TryGetInt32(out _)))
        {
            throw Error(path, $"{where}.{name} is not an array of integers");
        }

        return [.. v.EnumerateArray().Select(x => x.GetInt32())];
    }

    private static DataFormatException Error(string path, string problem) =>
        new(path, problem, "See the standalone projector's config format in docs/formats.md");
}
