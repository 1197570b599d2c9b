using System.Globalization;
using Projector.Server.Contracts;
using Projector.Server.Tiles;

namespace Projector.Server.Endpoints;

/// <summary>
/// What the tile page of <c>serve --tiles</c> asks beyond the tiles: which served dataset answers search
/// and neighbours for the set's rows, and where given rows lie on the map.
/// </summary>
internal static class TileEndpoints
{
    /// <summary>The most rows one request may locate.</summary>
    public const int MaxIds = 1000;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/tiles").WithTags("Tiles");
        api.MapGet("/", Links).WithSummary("The served dataset and positions behind the tile set");
        api.MapGet("/points", Points).WithSummary("The positions of rows of the tile set");
    }

    private static TileSetLinks Links(ServerState s)
    {
        var tiles = Served(s);
        return new TileSetLinks(tiles.Manifest.Points, tiles.DatasetIn(s.Catalog)?.Id, tiles.Positions is not null);
    }

    private static TilePoints Points(string? ids, ServerState s)
    {
        var tiles = Served(s);
        var positions = tiles.Positions ?? throw ApiProblem.NotFound($"The tile set has no {ServedTiles.PositionsFile} of its {tiles.Manifest.Points} rows to locate them: export it again with this version, which writes one.");
        var parts = (ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.Length > MaxIds)
        {
            throw ApiProblem.BadRequest($"Give between 1 and {MaxIds} rows as ids=1,2,3, not {parts.Length}.");
        }

        var rows = new int[parts.Length];
        var xy = new float[2 * parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row >= positions.Rows)
            {
                throw ApiProblem.BadRequest($"'{parts[i]}' is not a row of the tile set (0..{positions.Rows - 1}).");
            }

            rows[i] = row;
            var p = positions.Row(row);
            xy[2 * i] = p[0];
            xy[(2 * i) + 1] = p[1];
        }

        return new TilePoints(rows, xy);
    }

    private static ServedTiles Served(ServerState s) =>
        s.TileSet ?? throw ApiProblem.NotFound("This server shows no tile set: start it with --tiles DIR.");
}
