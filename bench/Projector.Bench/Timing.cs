using System.Diagnostics;

namespace Projector.Bench;

/// <summary>Wall-clock timing shared by every benchmark: one warm-up, then the median of the runs.</summary>
internal static class Timing
{
    public static double Median(int runs, Action action)
    {
        action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
