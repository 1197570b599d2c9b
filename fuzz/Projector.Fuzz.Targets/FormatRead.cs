using Projector.Core;
using Projector.Core.Formats;

namespace Projector.Fuzz.Targets;

/// <summary>Reads a file as the format the registry names, after detection has had its say.</summary>
internal static class FormatRead
{
    public static string Read(string format, string path, ReadOptions? options = null)
    {
        // Detection sniffs damaged content too; a refusal there must follow the same rules as the reader's.
        try
        {
            FormatRegistry.Detect(path);
        }
        catch (DataFormatException e) when (TargetRunner.Judge(e, Path.GetDirectoryName(path)!) is null)
        {
        }

        var reader = FormatRegistry.ByName(format) ?? throw new InvalidOperationException($"no format '{format}'");
        return Fingerprint.Of(reader.Read(path, options ?? ReadOptions.Default));
    }

    /// <summary>The bytes the registry's writer for <paramref name="format"/> makes of <paramref name="dataset"/>.</summary>
    public static byte[] Write(string format, string fileName, Core.Data.Dataset dataset)
    {
        using var scratch = new Scratch();
        using (dataset)
        {
            FormatRegistry.ByName(format)!.Write(scratch.File(fileName), [dataset]);
        }

        return scratch.Read(fileName);
    }
}
