/// One named tensor of a safetensors file, with its values converted to Float32.
public struct SafeTensorsEntry: Equatable, Sendable {
    public var tensor: Tensor
    /// The element type the values were stored in; `.float32` for tensors made in memory.
    public var storedDType: SafeTensorsDType

    public init(tensor: Tensor, storedDType: SafeTensorsDType = .float32) {
        self.tensor = tensor
        self.storedDType = storedDType
    }
}

/// The named tensors and string metadata of a safetensors file, held in memory.
///
/// Reading accepts F32, F64, F16, BF16 and I64 tensors and converts them to Float32, with the
/// rounding described at `ScalarDecoding.decode`. A file with any other dtype is rejected with
/// an error that names the tensor. Writing stores every tensor as F32, little-endian, in the layout of the
/// `safetensors` package: `__metadata__` first, tensors sorted by the UTF-8 bytes of their
/// names, the header padded with spaces to a multiple of 8 bytes. An empty metadata dictionary
/// writes no `__metadata__` key.
///
/// Every check of the header (see `SafeTensorsHeader`) runs before any tensor is allocated.
public struct SafeTensorsFile: Equatable, Sendable {
    /// The tensors by name; in a model's file the names are PyTorch's, e.g. `0.weight`.
    public var entries: [String: SafeTensorsEntry]
    /// The `__metadata__` object's entries.
    public var metadata: [String: String]

    public init(entries: [String: SafeTensorsEntry] = [:], metadata: [String: String] = [:]) {
        self.entries = entries
        self.metadata = metadata
    }

    /// Creates a file of tensors stored as F32.
    public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
        self.init(entries: tensors.mapValues { SafeTensorsEntry(tensor: $0) }, metadata: metadata)
    }

    /// The tensor names, sorted by their UTF-8 bytes as in the written file.
    public var names: [String] {
        entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Gets or sets the tensor named `name`. A tensor set here is stored as F32, and `nil`
    /// removes the entry.
    public subscript(name: String) -> Tensor? {
        get { entries[name]?.tensor }
        set { entries[name] = newValue.map { SafeTensorsEntry(tensor: $0) } }
    }

    // MARK: - Reading

    /// Reads and checks the safetensors file at `path`.
    ///
    /// The header is read and checked first. Then each tensor's bytes are read with `pread`
    /// into a buffer that is reused from tensor to tensor, and converted.
    public init(contentsOf path: String) throws(SafeTensorsError) {
        let file = try ReadOnlyFile(path: path)
        let header = try SafeTensorsHeader(file: file)
        var entries: [String: SafeTensorsEntry] = [:]
        var raw: [UInt8] = []
        for info in header.tensors {
            raw.removeAll(keepingCapacity: true)
            raw.append(contentsOf: repeatElement(0, count: info.dataOffsets.count))
            try file.read(into: &raw, at: header.dataStart + info.dataOffsets.lowerBound)
            entries[info.name] = raw.withUnsafeBytes { Self.entry(info, bytes: $0) }
        }
        self.init(entries: entries, metadata: header.metadata)
    }

    /// Reads and checks a whole safetensors file held in memory.
    ///
    /// - Parameters:
    ///   - bytes: the entire file.
    ///   - source: the name that errors give for the file, e.g. where the bytes came from.
    public init(bytes: [UInt8], source: String) throws(SafeTensorsError) {
        let header = try SafeTensorsHeader(bytes: bytes, source: source)
        var entries: [String: SafeTensorsEntry] = [:]
        bytes.withUnsafeBytes { file in
            for info in header.tensors {
                let start = header.dataStart + info.dataOffsets.lowerBound
                let tensorBytes = UnsafeRawBufferPointer(
                    rebasing: file[start..<(start + info.dataOffsets.count)])
                entries[info.name] = Self.entry(info, bytes: tensorBytes)
            }
        }
        self.init(entries: entries, metadata: header.metadata)
    }

    private static func entry(_ info: SafeTensorsHeader.TensorInfo, bytes: UnsafeRawBufferPointer)
        -> SafeTensorsEntry
    {
        let count = Tensor.count(of: info.shape)
        let scalars = ScalarDecoding.decode(bytes, dtype: info.dtype, count: count)
        return SafeTensorsEntry(
            tensor: Tensor(shape: info.shape, scalars: scalars), storedDType: info.dtype)
    }

    // MARK: - Writing

    /// Writes the file to `path` atomically (see `AtomicFile.write`), so a reader of `path`
    /// gets the old file or the new one, and a failed write leaves the old file as it was.
    public func write(to path: String) throws(SafeTensorsError) {
        let bytes = try serialized(destination: path)
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .writeFailed(error)
        }
    }

    /// Returns the bytes of the file, every tensor as F32.
    ///
    /// - Parameter destination: the name that errors give for the file.
    public func serialized(destination: String = "(memory)") throws(SafeTensorsError) -> [UInt8] {
        if entries[SafeTensorsHeader.metadataKey] != nil {
            throw .reservedTensorName(path: destination, name: SafeTensorsHeader.metadataKey)
        }
        let names = self.names
        var json = SafeTensorsSerialization.headerJSON(
            tensors: names.map { ($0, entries[$0]!.tensor.shape) }, metadata: metadata)
        // Padding the header to a multiple of 8 bytes puts the data buffer at an 8-byte
        // boundary of the file, as the safetensors package does.
        json.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
        guard json.count <= SafeTensorsHeader.maximumLength else {
            throw .headerTooLarge(path: destination, headerLength: UInt64(json.count))
        }

        let dataSize = names.reduce(0) { $0 + 4 * entries[$1]!.tensor.count }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + json.count + dataSize)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        for name in names {
            SafeTensorsSerialization.appendFloat32(entries[name]!.tensor.scalars, to: &bytes)
        }
        return bytes
    }
}
