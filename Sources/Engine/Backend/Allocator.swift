#if canImport(Glibc)
    import Glibc
#endif

/// Settings of the C allocator (glibc's malloc) that Swift arrays and tensors draw from.
public enum Allocator {
    /// The size from which glibc serves an allocation with its own `mmap`, 64 MiB.
    public static let mapThreshold = 64 << 20
    /// The free memory at the top of the heap above which glibc returns it to the system,
    /// 256 MiB.
    public static let trimThreshold = 256 << 20

    /// Keeps freed memory in the process for the next allocation instead of returning it to
    /// the system. Call it once at start, before training.
    ///
    /// A training step allocates its tensors afresh and frees them at its end. Buffers of a
    /// few MiB, such as a recurrent layer's gate values over all steps, exceed glibc's
    /// default thresholds. So glibc unmapped or trimmed them after every step, and the next
    /// step took a page fault for each 4 KiB page it wrote again. In benchmark W4 (LSTM)
    /// those page faults took about 14% of a step's time (`perf record`, 2-core AMD EPYC
    /// KVM guest). Setting both thresholds fixes them, which also turns off glibc's
    /// adjustment of them. Memory that training freed then stays mapped, so the resident
    /// size does not shrink after a large step.
    ///
    /// Returns whether glibc accepted both settings; false where the C library is not glibc.
    @discardableResult
    public static func keepFreedMemory() -> Bool {
        #if canImport(Glibc)
            // Swift's Glibc module leaves out <malloc.h>, so `mallopt` is looked up by name.
            // The parameter numbers are M_TRIM_THRESHOLD (−1) and M_MMAP_THRESHOLD (−3) of
            // glibc 2.36's <malloc.h> (Debian 12).
            typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else {
                return false
            }
            let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
            // mallopt returns 1 on success and 0 on error.
            let mapped = mallopt(-3, Int32(mapThreshold))
            let trimmed = mallopt(-1, Int32(trimThreshold))
            return mapped == 1 && trimmed == 1
        #else
            return false
        #endif
    }
}
