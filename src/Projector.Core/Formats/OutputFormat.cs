namespace Projector.Core.Formats;

/// <summary>The formats <see cref="DatasetWriter"/> writes.</summary>
public enum OutputFormat
{
    /// <summary>Raw little-endian float32.</summary>
    RawFloat32,

    /// <summary>Tab-separated vectors.</summary>
    TsvVectors,

    /// <summary>NumPy <c>.npy</c> float32.</summary>
    Npy,

    /// <summary>Standalone projector config with its files.</summary>
    StandaloneConfig,

    /// <summary>Apache Parquet.</summary>
    Parquet,

    /// <summary>Apache Arrow IPC (a stream for <c>.arrows</c>, else a file).</summary>
    Arrow,
}
