namespace Projector.Server.Jobs;

/// <summary>
/// Final layouts by (dataset, method, options, seed, indices), so asking again answers at once. The
/// oldest are dropped past <see cref="MaxLayouts"/>: a 1M-point layout is 8 MB.
/// </summary>
internal sealed class LayoutCache() : BoundedCache<FinalLayout>(MaxLayouts)
{
    public const int MaxLayouts = 32;
}
