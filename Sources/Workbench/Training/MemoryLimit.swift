import Foundation

/// The memory that a new allocation can still get, and what bounds it.
///
/// ```
/// available = min(MemAvailable, RLIMIT_AS − VmSize)
/// ```
/// `MemAvailable` comes from /proc/meminfo, the address-space limit from `getrlimit`, and the
/// process's current address-space size `VmSize` from /proc/self/status. Either bound may be
/// missing: without /proc, or without an address-space limit (`ulimit -v unlimited`).
public struct MemoryLimit: Equatable, Sendable {
    /// The bound that limits the memory.
    public enum Source: Equatable, Sendable {
        /// The kernel's estimate of the memory available to start new programs.
        case memAvailable
        /// The rest of the address-space limit that `ulimit -v` sets.
        case addressSpace
    }

    /// Bytes that can still be allocated.
    var availableBytes: Int
    var source: Source
    /// The soft `RLIMIT_AS` in bytes when `source` is `addressSpace`.
    var addressSpaceLimit: Int? = nil

    /// Returns the tighter of the two bounds, or nil when neither is known.
    ///
    /// - Parameters:
    ///   - memAvailable: `MemAvailable` in bytes.
    ///   - addressSpaceLimit: the soft `RLIMIT_AS` in bytes, nil when unlimited.
    ///   - addressSpaceUsed: `VmSize` in bytes.
    static func tighter(memAvailable: Int?, addressSpaceLimit: Int?, addressSpaceUsed: Int?)
        -> MemoryLimit?
    {
        var limits: [MemoryLimit] = []
        if let memAvailable {
            limits.append(MemoryLimit(availableBytes: memAvailable, source: .memAvailable))
        }
        if let addressSpaceLimit {
            let rest = max(0, addressSpaceLimit - (addressSpaceUsed ?? 0))
            limits.append(
                MemoryLimit(
                    availableBytes: rest, source: .addressSpace,
                    addressSpaceLimit: addressSpaceLimit))
        }
        return limits.min { $0.availableBytes < $1.availableBytes }
    }

    /// Reads both bounds of this process from /proc and `getrlimit`.
    static func current() -> MemoryLimit? {
        // RLIM_INFINITY, all bits set, means no limit.
        var limit = rlimit()
        var addressSpaceLimit: Int?
        if getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
            addressSpaceLimit = Int(clamping: limit.rlim_cur)
        }
        return tighter(
            memAvailable: kilobytes("MemAvailable:", in: "/proc/meminfo"),
            addressSpaceLimit: addressSpaceLimit,
            addressSpaceUsed: kilobytes("VmSize:", in: "/proc/self/status"))
    }

    /// Returns the value of a `/proc` line such as `MemAvailable:  23877772 kB`, in bytes.
    static func kilobytes(_ key: String, inText text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            let fields = line.dropFirst(key.count).split(whereSeparator: \.isWhitespace)
            guard fields.count == 2, fields[1] == "kB", let value = Int(fields[0]) else {
                return nil
            }
            return value * 1024
        }
        return nil
    }

    private static func kilobytes(_ key: String, in path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return kilobytes(key, inText: text)
    }
}
