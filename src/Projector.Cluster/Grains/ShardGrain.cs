using Orleans.Placement;
using Projector.Cluster.Hosting;
using Projector.Cluster.Jobs;
using Projector.Cluster.Tiles;
using Projector.Core;

namespace Projector.Cluster.Grains;

/// <summary>
/// Places one shard and writes its tile pieces. Activated where the caller's placement hint says (the
/// client spreads shards over the silos itself), else on a random silo; deactivated once done, as each
/// attempt has its own key.
/// </summary>
[RandomPlacement]
internal sealed class ShardGrain(SiloJobModels models, SiloCompute compute, SharedFolder shared, ILocalSiloDetails silo) : Grain, IShardGrain
{
    public async Task<ShardResult> Place(ClusterJob job, ShardTask shard, CancellationToken cancellationToken)
    {
        var name = silo.SiloAddress.ToString();
        try
        {
            var folder = shared.WorkFolder(job);
            var sampleGrain = GrainFactory.GetGrain<ISampleGrain>(job.JobId);
            var model = await models.Get(job, () => sampleGrain.Layout(job)).WaitAsync(cancellationToken).ConfigureAwait(true);
            var (tiles, placed) = await compute.Run(() =>
            {
                var (positions, placed) = ShardPlacer.Place(job, shard, model, cancellationToken);
                var values = JobMetadata.Read(job, model.MetadataPath, model.Input.Metadata, shard.Start, shard.Count, cancellationToken);
                return (ShardPieces.Write(folder, shard.Index, shard.Start, positions, values, model.Plan, job.Method, cancellationToken), placed);
            }).ConfigureAwait(true);
            return new ShardResult { Index = shard.Index, Silo = name, Placed = placed, Tiles = tiles };
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
