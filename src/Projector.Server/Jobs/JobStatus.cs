namespace Projector.Server.Jobs;

/// <summary>Where a job is in its life; the API writes the names in lower case.</summary>
internal enum JobStatus
{
    Queued,
    Running,
    Paused,
    Done,
    Stopped,
    Failed,
}
