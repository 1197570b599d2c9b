using System.Globalization;
using System.Runtime.InteropServices;

namespace Projector.Server.Work;

/// <summary>
/// Lowers the operating system's scheduling priority of the calling thread, best effort, so that when the
/// cores are busy the threads answering cheap requests (catalog, metadata, page) are scheduled before the
/// work pool's. On Linux it is the thread's nice value (.NET's Thread.Priority does nothing there);
/// elsewhere Thread.Priority. A thread that cannot be lowered keeps its priority.
/// </summary>
/// <remarks>
/// Only for threads that allocate little: with the workstation GC a collection runs on the thread whose
/// allocation triggered it while every other thread waits, so a low-priority thread that allocates a lot
/// (a projection job) would stretch the pauses of all requests. The work pool's searches allocate a few KB.
/// </remarks>
internal static partial class BackgroundPriority
{
    /// <summary>Nice value of the work pool's threads (weight 335 against 1024 for an ordinary thread).</summary>
    public const int Work = 5;

    private const int PrioProcess = 0;

    /// <summary>Gives the calling thread the nice value <paramref name="nice"/> (0 to 19; higher runs later) unless it already runs lower.</summary>
    public static void Lower(int nice)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                if (Current() >= nice)
                {
                    return;
                }

                // The kernel's id of this thread: /proc/thread-self links to "PID/task/TID".
                var link = new DirectoryInfo("/proc/thread-self").LinkTarget;
                if (link is not null && int.TryParse(Path.GetFileName(link), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                {
                    _ = SetPriority(PrioProcess, tid, nice);
                }
            }
            else
            {
                Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Best effort: the thread keeps its priority.
        }
    }

    /// <summary>The nice value of the calling thread on Linux (field 19 of /proc/thread-self/stat), else null.</summary>
    public static int? Current()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);
}
