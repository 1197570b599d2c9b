namespace Projector.Core.Formats;

/// <summary>The input formats the readers know.</summary>
public enum InputFormat
{
    /// <summary>Tab-separated vectors, optionally with a first label column.</summary>
    TsvVectors,

    /// <summary>Raw little-endian float32 (<c>.bytes</c>); needs a shape.</summary>
    RawFloat32,

    /// <summary>NumPy <c>.npy</c>.</summary>
    Npy,

    /// <summary>NumPy <c>.npz</c> (a zip of <c>.npy</c>).</summary>
    Npz,

    /// <summary>word2vec text or fastText <c>.vec</c>: a <c>COUNT DIM</c> line, then <c>word v1 v2 ...</c>.</summary>
    Word2VecText,

    /// <summary>word2vec binary (<c>.bin</c>).</summary>
    Word2VecBinary,

    /// <summary>GloVe text: <c>word v1 v2 ...</c> with no count line.</summary>
    Glove,

    /// <summary>CSV with a header row.</summary>
    Csv,

    /// <summary>The standalone TF projector's <c>projector_config.json</c>.</summary>
    StandaloneConfig,

    /// <summary>Apache Parquet (<c>.parquet</c>).</summary>
    Parquet,

    /// <summary>Apache Arrow IPC file or stream (<c>.arrow</c>, <c>.feather</c>, <c>.arrows</c>, <c>.ipc</c>).</summary>
    Arrow,
}
