using Orleans.Configuration;

namespace Projector.Cluster.Hosting;

/// <summary>
/// How fast the cluster notices a lost silo. Orleans' defaults take about a minute before a dead silo's
/// grains are made elsewhere; a layout job wants its shards redone within seconds, so silos probe each
/// other every two seconds and declare a silo dead after three missed probes. (At one second, a silo
/// on a loaded two-core machine was declared dead while alive, and stopped itself.)
/// </summary>
internal static class ClusterTimings
{
    /// <summary>The cluster's and the service's id in the membership table: every silo and client of one membership store (Redis server or PostgreSQL database) joins the same cluster.</summary>
    public const string ClusterId = "projector";

    public static void Membership(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        options.DefunctSiloExpiration = TimeSpan.FromMinutes(10);
    }

    public static void Cluster(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ClusterId;
    }
}
