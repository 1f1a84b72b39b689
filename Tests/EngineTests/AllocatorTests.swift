import Engine
import Testing

struct AllocatorTests {
    @Test func glibcAcceptsBothThresholds() {
        // The test machines run Debian's glibc, which must find `mallopt` and accept both
        // settings; elsewhere the call reports that it did nothing.
        #if canImport(Glibc)
            #expect(Allocator.keepFreedMemory())
        #else
            #expect(!Allocator.keepFreedMemory())
        #endif
    }
}
