namespace Projector.Fuzz.Targets;

/// <summary>How one read of an input ended.</summary>
public enum Verdict
{
    /// <summary>The reader returned data.</summary>
    Accepted,

    /// <summary>The reader refused the input with a proper one-line <c>DataFormatException</c>.</summary>
    Refused,

    /// <summary>Anything else: another exception, an error message that breaks the rules, or too much memory.</summary>
    Finding,
}

/// <summary>The result of one read.</summary>
/// <param name="Verdict">How it ended.</param>
/// <param name="Detail">The fingerprint of what was read (accepted), the error message (refused), or what went wrong (finding).</param>
/// <param name="Exception">The exception behind a refusal or finding, if any.</param>
public sealed record Outcome(Verdict Verdict, string Detail, Exception? Exception = null);
