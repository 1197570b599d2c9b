using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Projector.Core;
using Projector.Server.Contracts;

namespace Projector.Server.Uploads;

/// <summary>
/// <c>upload.json</c> in an upload's folder, written atomically once the upload is complete: what the
/// server needs to offer it again after a restart under the same id without reading it (its catalog
/// item), and to read it when asked (its files, their names as the client sent them, the shape). A
/// folder without a valid one is an upload that never completed.
/// </summary>
/// <param name="Version">The manifest's format; 1.</param>
/// <param name="Id">The catalog id, kept for the upload's whole life and never given to another.</param>
/// <param name="Name">The display name.</param>
/// <param name="Created">When it was uploaded; the oldest are removed first.</param>
/// <param name="TensorFile">The tensor's file name in the folder.</param>
/// <param name="TensorName">The tensor file's name as the client sent it.</param>
/// <param name="MetadataFile">The metadata file's name in the folder, if any.</param>
/// <param name="MetadataName">The metadata file's name as the client sent it, if any.</param>
/// <param name="Shape">The shape given with the upload (<c>[rows, dimensions]</c>), if any.</param>
/// <param name="Item">The catalog item as it was listed after the upload.</param>
internal sealed partial record UploadManifest(
    int Version,
    string Id,
    string Name,
    DateTimeOffset Created,
    string TensorFile,
    string TensorName,
    string? MetadataFile,
    string? MetadataName,
    int[]? Shape,
    CatalogItem Item)
{
    public const string FileName = "upload.json";

    public const int CurrentVersion = 1;

    /// <summary>The shape as read options take it.</summary>
    [JsonIgnore]
    public (int Rows, int Dimensions)? ShapeTuple => Shape is [var n, var d] ? (n, d) : null;

    /// <summary>The manifest of <paramref name="folder"/>, or null when it has none, or one that is damaged or names files that are not there.</summary>
    public static UploadManifest? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        UploadManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize<UploadManifest>(stream, ServerJson.Options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }

        return manifest is not null && manifest.IsValid(folder) ? manifest : null;
    }

    /// <summary>Writes the manifest into <paramref name="folder"/> atomically.</summary>
    public void Write(string folder) =>
        AtomicFile.Write(Path.Combine(folder, FileName), s => JsonSerializer.Serialize(s, this, ServerJson.Options));

    private bool IsValid(string folder) =>
        Version == CurrentVersion
        && Id is not null && IdPattern().IsMatch(Id)
        && !string.IsNullOrWhiteSpace(Name)
        && !string.IsNullOrEmpty(TensorName)
        && IsFileIn(folder, TensorFile)
        && (MetadataFile is null || IsFileIn(folder, MetadataFile))
        && (Shape is null || (Shape is [var n, var d] && n >= 0 && d > 0))
        && Item is not null && Item.Id == Id;

    private static bool IsFileIn(string folder, string? name) =>
        !string.IsNullOrEmpty(name) && name != FileName && name == Path.GetFileName(name) && name is not ("." or "..")
        && !name.Contains('\0', StringComparison.Ordinal) && File.Exists(Path.Combine(folder, name));

    /// <summary>What <see cref="Catalog.CatalogIds"/> can produce.</summary>
    [GeneratedRegex("^[a-z0-9_][a-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
