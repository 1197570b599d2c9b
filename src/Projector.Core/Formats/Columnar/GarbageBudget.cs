namespace Projector.Core.Formats.Columnar;

/// <summary>
/// Collects the garbage of decoded row groups and batches once enough has piled up. The Parquet and Arrow
/// libraries allocate large transient buffers per column chunk; left to itself the GC lets gigabytes of
/// them pile up next to the matrix being filled (measured: a 1 GB file peaked at 5 GB), so a read
/// would need several times its decoded size.
/// </summary>
internal sealed class GarbageBudget
{
    private const long Budget = 256L << 20;
    private long _mark = GC.GetTotalAllocatedBytes();

    /// <summary>Call after each row group or batch, read or written.</summary>
    public void Step()
    {
        var now = GC.GetTotalAllocatedBytes();
        if (now - _mark > Budget)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            _mark = GC.GetTotalAllocatedBytes();
        }
    }
}
