/// A metadata value that renders as JSON `null` (e.g. an item without a publication date). The
/// event records (`EventLog`) write it and the log handler renders it; it lives with the records,
/// below the handler, so both can name it.
public struct LogNull: CustomStringConvertible, Sendable {
    public init() {}
    public var description: String { "null" }
}
