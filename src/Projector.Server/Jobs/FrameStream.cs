using System.Net.WebSockets;

namespace Projector.Server.Jobs;

/// <summary>
/// Sends a job to one WebSocket: the current frame and status on connect, then each newer frame and
/// each status change; after the last frame of a finished job, its status, then the socket closes.
/// A slow reader skips frames rather than queueing them.
/// </summary>
internal static class FrameStream
{
    public static async Task SendAsync(WebSocket socket, ProjectionJob job, CancellationToken cancellationToken)
    {
        long frameSent = -1;
        long statusSent = -1;
        while (!cancellationToken.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            var changed = job.Changed;
            var finished = job.IsFinished;
            var (_, message, frameVersion, statusVersion) = job.Observe();
            if (message is not null && frameVersion != frameSent)
            {
                await socket.SendAsync(message, WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
                frameSent = frameVersion;
            }

            if (statusVersion != statusSent || finished)
            {
                var status = StatusMessage.Encode(job.Info());
                await socket.SendAsync(status, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                statusSent = statusVersion;
            }

            if (finished)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken).ConfigureAwait(false);
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
