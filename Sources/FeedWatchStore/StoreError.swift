/// Why the state database could not be used.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "state database \(path): \(message)" }
}
