namespace Projector.Core.Data;

/// <summary>How a metadata column's values are interpreted.</summary>
public enum MetadataKind
{
    /// <summary>Free text or categories.</summary>
    Text,

    /// <summary>Every present value parses as a finite or infinite number (invariant culture).</summary>
    Number,
}
