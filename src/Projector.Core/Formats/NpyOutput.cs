using Projector.Core.Data;

namespace Projector.Core.Formats;

/// <summary>MERGE: route to NpyWriter.</summary>
internal static class NpyOutput
{
    public static void Write(string path, EmbeddingMatrix matrix) => throw new NotSupportedException(path + matrix.Rows);
}
