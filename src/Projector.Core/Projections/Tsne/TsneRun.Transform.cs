using Projector.Core.Data;

namespace Projector.Core.Projections.Tsne;

// Transform from a run: the run's data and its current layout are the reference.
public sealed partial class TsneRun
{
    /// <summary>Places <paramref name="newPoints"/> into the current layout; see <see cref="TsneProjection.Transform"/>. Returns M x <see cref="Dimensions"/> positions.</summary>
    public float[] Transform(EmbeddingMatrix newPoints, TsneTransformOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TsneTransformOptions { DegreesOfFreedom = _options.DegreesOfFreedom, Metric = _options.Metric, Threads = _options.Threads };
        return TsneProjection.Transform(_data!, Snapshot(), newPoints, options, cancellationToken);
    }
}
