namespace Projector.Cluster;

/// <summary>Bad input or an unusable cluster, described in one line that says what to do; never retried.</summary>
public sealed class ClusterInputException(string message) : Exception(message);
