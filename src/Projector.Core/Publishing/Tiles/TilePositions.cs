namespace Projector.Core.Publishing.Tiles;

/// <summary>The fields every tile has before its metadata columns.</summary>
internal static class TilePositions
{
    public const string Id = "id";

    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(["x", "y", "z", Id], StringComparer.Ordinal);

    public static IEnumerable<TileColumn> Columns(int dims) =>
        [new("x", TileColumnType.Float32), new("y", TileColumnType.Float32), .. dims == 3 ? new[] { new TileColumn("z", TileColumnType.Float32) } : [], new(Id, TileColumnType.UInt32)];
}
