namespace Projector.Core.Publishing.Tiles;

/// <summary>How a column is stored in every tile of a set.</summary>
public enum TileColumnType
{
    /// <summary>32-bit floats: the positions x, y and z.</summary>
    Float32,

    /// <summary>Unsigned 32-bit integers: <c>id</c>, the point's row in the input.</summary>
    UInt32,

    /// <summary>64-bit floats, null where missing: a numeric metadata column with many distinct values.</summary>
    Float64,

    /// <summary>UTF-8 text, null where missing: a text column with many distinct values.</summary>
    Utf8,

    /// <summary>Dictionary-encoded text (int32 indices into the column's <see cref="TileColumn.Values"/>, the same in every tile).</summary>
    Dictionary,
}
