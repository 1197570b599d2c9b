namespace Projector.Core.Publishing.Tiles;

/// <summary>A column carried by every tile, as <c>tiles.json</c> lists it.</summary>
/// <param name="Name">The Arrow field's name.</param>
/// <param name="Type">How it is stored.</param>
/// <param name="Values">For <see cref="TileColumnType.Dictionary"/>: the dictionary, shared by every tile; else null.</param>
/// <param name="Min">For number columns: the smallest present value over all points; else null.</param>
/// <param name="Max">For number columns: the largest present value over all points; else null.</param>
public sealed record TileColumn(string Name, TileColumnType Type, IReadOnlyList<string>? Values = null, double? Min = null, double? Max = null);
