namespace Projector.Core.Formats.Standalone;

/// <summary>The contents of a standalone <c>projector_config.json</c>.</summary>
/// <param name="Embeddings">The embeddings, in file order.</param>
/// <param name="ModelCheckpointPath">Free display text some configs carry.</param>
public sealed record StandaloneConfig(IReadOnlyList<StandaloneEmbedding> Embeddings, string? ModelCheckpointPath);

/// <summary>One entry of <c>embeddings</c>.</summary>
/// <param name="TensorName">Display name.</param>
/// <param name="TensorShape">[points, dimensions], if given.</param>
/// <param name="TensorPath">The <c>.bytes</c> or TSV file of vectors.</param>
/// <param name="MetadataPath">Metadata TSV, if any.</param>
/// <param name="BookmarksPath">Bookmarks JSON, if any.</param>
/// <param name="Sprite">Sprite sheet, if any.</param>
public sealed record StandaloneEmbedding(string TensorName, int[]? TensorShape, string? TensorPath, string? MetadataPath, string? BookmarksPath, StandaloneSprite? Sprite);

/// <summary>The <c>sprite</c> object of an embedding.</summary>
/// <param name="ImagePath">The sprite image.</param>
/// <param name="SingleImageDim">[width, height] of one tile.</param>
public sealed record StandaloneSprite(string ImagePath, int[] SingleImageDim);
