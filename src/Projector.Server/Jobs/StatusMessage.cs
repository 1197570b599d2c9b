using System.Text.Json;
using Projector.Server.Contracts;

namespace Projector.Server.Jobs;

/// <summary>The text message of the frame socket: <c>{ "type": "status", ...job }</c>.</summary>
internal static class StatusMessage
{
    public static byte[] Encode(JobInfo job)
    {
        var node = JsonSerializer.SerializeToNode(job, ServerJson.Options)!.AsObject();
        node.Insert(0, "type", "status");
        return JsonSerializer.SerializeToUtf8Bytes(node, ServerJson.Options);
    }
}
