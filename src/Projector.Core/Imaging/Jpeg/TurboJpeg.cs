using System.Runtime.InteropServices;

namespace Projector.Core.Imaging.Jpeg;

/// <summary>
/// The few TurboJPEG 2.x functions the decoder calls, bound by hand to Debian's libturbojpeg.so.0 on first use
/// through <see cref="NativeLibrary"/>, so that a machine without the library still loads this assembly.
/// </summary>
internal sealed unsafe class TurboJpeg
{
    /// <summary>TJPF_RGBA: 4 bytes per pixel, alpha set to 255.</summary>
    public const int PixelFormatRgba = 7;

    private static readonly Lazy<TurboJpeg?> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] Names = ["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "turbojpeg"];

    private TurboJpeg(IntPtr library)
    {
        InitDecompress = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "tjInitDecompress");
        DecompressHeader3 = (delegate* unmanaged<IntPtr, byte*, nuint, int*, int*, int*, int*, int>)NativeLibrary.GetExport(library, "tjDecompressHeader3");
        Decompress2 = (delegate* unmanaged<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int>)NativeLibrary.GetExport(library, "tjDecompress2");
        GetErrorStr2 = (delegate* unmanaged<IntPtr, IntPtr>)NativeLibrary.GetExport(library, "tjGetErrorStr2");
        Destroy = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "tjDestroy");
    }

    /// <summary>tjhandle tjInitDecompress(void).</summary>
    public delegate* unmanaged<IntPtr> InitDecompress { get; }

    /// <summary>int tjDecompressHeader3(handle, jpegBuf, jpegSize, *width, *height, *jpegSubsamp, *jpegColorspace).</summary>
    public delegate* unmanaged<IntPtr, byte*, nuint, int*, int*, int*, int*, int> DecompressHeader3 { get; }

    /// <summary>int tjDecompress2(handle, jpegBuf, jpegSize, dstBuf, width, pitch, height, pixelFormat, flags).</summary>
    public delegate* unmanaged<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int> Decompress2 { get; }

    /// <summary>char* tjGetErrorStr2(handle).</summary>
    public delegate* unmanaged<IntPtr, IntPtr> GetErrorStr2 { get; }

    /// <summary>int tjDestroy(handle).</summary>
    public delegate* unmanaged<IntPtr, int> Destroy { get; }

    /// <summary>The bound library, or null when it is not installed.</summary>
    public static TurboJpeg? Instance => Shared.Value;

    /// <summary>The last error of <paramref name="handle"/> as text.</summary>
    public string ErrorText(IntPtr handle) => Marshal.PtrToStringUTF8(GetErrorStr2(handle)) ?? "unknown TurboJPEG error";

    private static TurboJpeg? Load()
    {
        foreach (var name in Names)
        {
            if (NativeLibrary.TryLoad(name, typeof(TurboJpeg).Assembly, null, out var library))
            {
                try
                {
                    return new TurboJpeg(library);
                }
                catch (EntryPointNotFoundException)
                {
                    // A TurboJPEG older than 2.0 lacks tjGetErrorStr2; try the next name, else report it missing.
                }
            }
        }

        return null;
    }
}
