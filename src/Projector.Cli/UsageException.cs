namespace Projector.Cli;

/// <summary>A wrong argument the parser could not catch; printed as one line with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
