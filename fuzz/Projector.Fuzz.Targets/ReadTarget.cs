namespace Projector.Fuzz.Targets;

/// <summary>
/// One reader under test: the name its input file gets, how it is read, and the valid inputs (made by the
/// product's own writers) that mutations and fuzzers start from.
/// </summary>
public sealed class ReadTarget
{
    private readonly Func<string, string> _read;
    private readonly Lazy<IReadOnlyList<Seed>> _seeds;
    private readonly Func<string, IEnumerable<Seed>> _fixtureSeeds;

    internal ReadTarget(string name, string fileName, bool isText, bool checksummed, Func<string, string> read, Func<IReadOnlyList<Seed>> seeds, Func<string, IEnumerable<Seed>>? fixtureSeeds = null)
    {
        Name = name;
        FileName = fileName;
        IsText = isText;
        Checksummed = checksummed;
        _read = read;
        _seeds = new(seeds);
        _fixtureSeeds = fixtureSeeds ?? (_ => []);
    }

    /// <summary>The target's name on the command line and in reports.</summary>
    public string Name { get; }

    /// <summary>The file name (relative to its folder) the input is written under; the extension picks the reader.</summary>
    public string FileName { get; }

    /// <summary>Whether the format is text, so mutations also rewrite numbers written as digits.</summary>
    public bool IsText { get; }

    /// <summary>
    /// Whether the format carries checksums over its data (checkpoint CRC32C, zip CRC-32, PNG chunk CRCs):
    /// a damaged input must then read as exactly the original content or be refused.
    /// </summary>
    public bool Checksummed { get; }

    /// <summary>The valid inputs the product's writers make for this reader.</summary>
    public IReadOnlyList<Seed> Seeds => _seeds.Value;

    /// <summary>Reads the input at <paramref name="path"/> (its companions beside it) and returns a fingerprint of what was read.</summary>
    /// <exception cref="Core.DataFormatException">The input is refused.</exception>
    public string Read(string path) => _read(path);

    /// <summary>Seeds from the shared folder of real published files under <paramref name="root"/>; none when they are absent.</summary>
    public IEnumerable<Seed> FixtureSeeds(string root) => _fixtureSeeds(root);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
