using System.Text.RegularExpressions;
using Projector.Core;

namespace Projector.Fuzz.Targets;

/// <summary>
/// Runs a reader on one input and judges how it ended: data, or a <see cref="DataFormatException"/> whose
/// message is one line, names a file of the input and shows no negative offset or overflowed number.
/// Anything else is a finding. The fuzzers and the mutation test share this, so both hold readers to the
/// same rules.
/// </summary>
public static partial class TargetRunner
{
    /// <summary>Memory any read may take on top of what the input's size allows.</summary>
    public const long AllocationAllowance = 64L << 20;

    /// <summary>How many times the input's size a read may allocate (decompression, conversion, metadata) on top of the allowance.</summary>
    public const long AllocationPerInputByte = 64;

    /// <summary>Writes the seed's companion files into <paramref name="folder"/>.</summary>
    public static void Prepare(Seed seed, string folder)
    {
        ArgumentNullException.ThrowIfNull(seed);
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in seed.Companions)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
    }

    /// <summary>Writes <paramref name="input"/> as the target's file in <paramref name="folder"/> (prepared for <paramref name="seed"/>) and reads it.</summary>
    public static Outcome Run(ReadTarget target, Seed seed, string folder, ReadOnlySpan<byte> input)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(seed);
        var path = Path.Combine(folder, target.FileName);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            file.Write(input);
        }

        var budget = AllocationAllowance + (AllocationPerInputByte * (input.Length + seed.Companions.Values.Sum(c => (long)c.Length)));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Outcome outcome;
        try
        {
            outcome = new Outcome(Verdict.Accepted, target.Read(path));
        }
        catch (DataFormatException e)
        {
            outcome = Judge(e, folder) is { } problem ? new Outcome(Verdict.Finding, problem, e) : new Outcome(Verdict.Refused, e.Message, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = new Outcome(Verdict.Finding, $"{e.GetType().Name} instead of a DataFormatException: {e.Message}", e);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return allocated > budget && outcome.Verdict != Verdict.Finding
            ? new Outcome(Verdict.Finding, $"allocated {allocated} bytes for an input of {input.Length} bytes ({outcome.Verdict}: {outcome.Detail})", outcome.Exception)
            : outcome;
    }

    /// <summary>What is wrong with a refusal's message, or null when it follows the rules.</summary>
    public static string? Judge(DataFormatException error, string folder)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        if (message.Contains('\n', StringComparison.Ordinal) || message.Contains('\r', StringComparison.Ordinal))
        {
            return $"the message is not one line: {message}";
        }

        if (!message.Contains(folder, StringComparison.Ordinal))
        {
            return $"the message names no file of the input: {message}";
        }

        // The readers' last resort wraps what no check caught; reaching it means a check is missing.
        if (message.Contains("could not be read (", StringComparison.Ordinal))
        {
            return $"an unexpected {error.InnerException?.GetType().Name} reached the safety net: {message}";
        }

        if (error.ByteOffset < 0 || error.Line < 0)
        {
            return $"the error points at byte {error.ByteOffset}, line {error.Line}: {message}";
        }

        // Paths and quoted file content may hold anything, and hints carry examples (reshape(n, -1)); the
        // problem's own numbers, read or computed from the file, must not be negative.
        var own = Quoted().Replace(error.Problem.Replace(folder, string.Empty, StringComparison.Ordinal), "''");
        return NegativeNumber().IsMatch(own) ? $"the message shows a negative number: {message}" : null;
    }

    [GeneratedRegex("'[^']*'|\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])-\d")]
    private static partial Regex NegativeNumber();
}
