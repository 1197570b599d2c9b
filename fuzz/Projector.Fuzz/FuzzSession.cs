using Projector.Fuzz.Targets;

namespace Projector.Fuzz;

/// <summary>A scratch folder holding a target's companion files (those of its first seed), where each input is written and read.</summary>
internal sealed class FuzzSession : IDisposable
{
    private readonly ReadTarget _target;
    private readonly Seed _seed;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "projector-fuzz", Guid.NewGuid().ToString("N"));

    public FuzzSession(ReadTarget target)
    {
        _target = target;
        _seed = target.Seeds[0];
        TargetRunner.Prepare(_seed, _folder);
    }

    public Outcome Run(ReadOnlySpan<byte> input) => TargetRunner.Run(_target, _seed, _folder, input);

    /// <summary>Reads the input and crashes on a finding, so the fuzzer keeps it.</summary>
    public void Check(ReadOnlySpan<byte> input)
    {
        var outcome = Run(input);
        if (outcome.Verdict == Verdict.Finding)
        {
            throw new FindingException(outcome.Detail, outcome.Exception);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A read that ended in neither data nor a proper refusal.</summary>
internal sealed class FindingException(string message, Exception? inner) : Exception(message, inner);
