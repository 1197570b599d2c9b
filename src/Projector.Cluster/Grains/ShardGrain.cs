using Orleans.Placement;
using Projector.Cluster.Hosting;
using Projector.Cluster.Jobs;
using Projector.Core;

namespace Projector.Cluster.Grains;

/// <summary>
/// Places one shard. Activated where the caller's placement hint says (the client spreads shards over the
/// silos itself), else on a random silo; deactivated once done, as each attempt has its own key.
/// </summary>
[RandomPlacement]
internal sealed class ShardGrain(SiloJobModels models, SiloCompute compute, ILocalSiloDetails silo) : Grain, IShardGrain
{
    public async Task<ShardResult> Place(ClusterJob job, ShardTask shard)
    {
        var name = silo.SiloAddress.ToString();
        try
        {
            var sampleGrain = GrainFactory.GetGrain<ISampleGrain>(job.JobId);
            var model = await models.Get(job, () => sampleGrain.Layout(job)).ConfigureAwait(true);
            var (positions, placed) = await compute.Run(() => ShardPlacer.Place(job, shard, model)).ConfigureAwait(true);
            return new ShardResult { Index = shard.Index, Positions = positions, Silo = name, Placed = placed };
        }
        catch (DataFormatException e)
        {
            return new ShardResult { Index = shard.Index, Error = e.Message, Silo = name };
        }
        catch (ClusterInputException e)
        {
            return new ShardResult { Index = shard.Index, Error = e.Message, Silo = name };
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
