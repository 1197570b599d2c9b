using Projector.Core.Data;

namespace Projector.Core.Formats;

/// <summary>
/// One file format the library reads (and perhaps writes): its name, the extensions that claim it, how
/// its first bytes look, and its reader and writer. Every format is one folder under <c>Formats/</c> with
/// one subclass of this; <see cref="FormatRegistry"/> finds them all, so adding a format touches nothing else.
/// </summary>
public abstract class DataFormat
{
    /// <summary>A short, stable, lower-case name (<c>npy</c>, <c>parquet</c>), as lists and errors show it.</summary>
    public abstract string Name { get; }

    /// <summary>What a file of this format is, worded to follow "the file is" (e.g. "a NumPy .npy array").</summary>
    public abstract string Description { get; }

    /// <summary>Lower-case extensions with the dot that claim this format (several formats may claim one, e.g. <c>.txt</c>).</summary>
    public abstract IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// Where this format stands when a file's content decides: lower first. Formats with a magic number
    /// come before text formats, and loose text formats (GloVe, CSV) last.
    /// </summary>
    public abstract int DetectionOrder { get; }

    /// <summary>Whether the format is text (checked only against heads that look like text) or binary.</summary>
    public abstract bool IsText { get; }

    /// <summary>False for formats no content can prove (raw float32): they are read only when an extension claims them.</summary>
    public virtual bool DetectableByContent => true;

    /// <summary>True when the file does not say its shape and the read needs <see cref="ReadOptions.Shape"/> (raw float32).</summary>
    public virtual bool NeedsShape => false;

    /// <summary>True when one file holds several embeddings (a config); metadata given with the read is then not attached.</summary>
    public virtual bool HoldsMany => false;

    /// <summary>Whether <see cref="Write"/> is offered.</summary>
    public virtual bool CanWrite => false;

    /// <summary>Whether a written file keeps the metadata columns too (not only the vectors).</summary>
    public virtual bool CarriesMetadata => false;

    /// <summary>Whether one file can hold several datasets when written.</summary>
    public virtual bool WritesMany => false;

    /// <summary>
    /// Whether the first bytes of a file fit this format. <paramref name="extension"/> is the file's
    /// (lower-case, with the dot), or empty when the content alone decides.
    /// </summary>
    public abstract bool Sniff(ReadOnlySpan<byte> head, string extension);

    /// <summary>Reads every embedding the file holds.</summary>
    /// <exception cref="DataFormatException">The file is not valid; the message names it, where, and what to do.</exception>
    public abstract IReadOnlyList<Dataset> Read(string path, ReadOptions options);

    /// <summary>Writes <paramref name="datasets"/> (one unless <see cref="WritesMany"/>) to <paramref name="path"/>, atomically.</summary>
    public virtual void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Name} files are read, not written.");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
