import FeedParsing
import FeedWatchPipeline
import Foundation
import Logging

/// The swift-log handler behind every feedwatch record: text lines for people or one JSON object
/// per line for tools, with the sd-daemon `<N>` priority prefix when standard error is the journal
/// (so `journalctl -p notice` shows alerts and problems only). Any text that came from a feed is
/// escaped: a title can never start a forged log line.
public struct FeedWatchLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let format: LogFormat
    private let priorityPrefix: Bool
    private let writer: any LogLineWriter
    private let journal: JournalWriter?

    /// `journal`: send records natively (with `FEEDWATCH_*` fields) to this journal socket,
    /// falling back to `writer` with the priority prefix when the journal does not take one.
    public init(format: LogFormat, priorityPrefix: Bool, level: Logger.Level = .info,
                writer: any LogLineWriter = StandardErrorWriter(), journal: JournalWriter? = nil) {
        self.format = format
        self.priorityPrefix = priorityPrefix
        self.logLevel = level
        self.writer = writer
        self.journal = journal
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let line: String
        switch format {
        case .json:
            line = Self.jsonLine(level: event.level, message: "\(event.message)", fields: fields)
        case .text:
            line = Self.textLine(level: event.level, message: "\(event.message)", fields: fields,
                                 timestamp: !priorityPrefix && journal == nil)
        }
        if let journal, journal.send(Self.journalFields(level: event.level, line: line, fields: fields)) { return }
        let prefix = priorityPrefix || journal != nil ? "<\(Self.priority(event.level))>" : ""
        writer.write(line: prefix + line)
    }

    /// The native journal record: the line as MESSAGE, its priority, and each event field as a
    /// `FEEDWATCH_*` field (`FEEDWATCH_TAG` once per tag, so `FEEDWATCH_TAG=arms` matches).
    static func journalFields(level: Logger.Level, line: String, fields: Logger.Metadata) -> [(String, String)] {
        var record: [(String, String)] = [
            ("MESSAGE", line),
            ("PRIORITY", String(priority(level))),
            ("SYSLOG_IDENTIFIER", "feedwatch"),
        ]
        for key in ["event"] + fieldOrder {
            guard let value = fields[key] else { continue }
            let name = key == "tags" ? "FEEDWATCH_TAG" : "FEEDWATCH_" + key.uppercased()
            switch value {
            case let .array(values):
                if key == "tags" {
                    for tag in values { record.append((name, tag.description)) }
                } else {
                    record.append((name, values.map(\.description).joined(separator: ", ")))
                }
            case let .stringConvertible(convertible) where convertible is LogNull:
                continue
            case .dictionary:
                record.append((name, json(value).serialized()))
            default:
                record.append((name, value.description))
            }
        }
        return record
    }

    /// syslog priorities, as journald reads them from the prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// Field order for JSON records: the contract's fields first, then anything else by name.
    static let fieldOrder = ["story", "feed", "url", "title", "link", "published", "tags", "matched", "duplicate_of",
                             "similarity", "measure", "tag_terms", "error", "stage"]

    static func jsonLine(level: Logger.Level, message: String, fields: Logger.Metadata) -> String {
        var object: [(String, JSONValue)] = [
            ("time", .string(timestamp())),
            ("level", .string(level.rawValue)),
            ("event", fields["event"].map(json) ?? .string("log")),
            ("message", .string(message)),
        ]
        for key in fieldOrder { if let value = fields[key] { object.append((key, json(value))) } }
        for key in fields.keys.sorted() where key != "event" && !fieldOrder.contains(key) {
            if let value = fields[key] { object.append((key, json(value))) }
        }
        return JSONValue.object(object).serialized()
    }

    static func textLine(level: Logger.Level, message: String, fields: Logger.Metadata, timestamp withTime: Bool) -> String {
        var line = withTime ? "\(timestamp()) \(level.rawValue): " : ""
        line += escapeControl(message)
        if fields["event"] == nil {
            for key in fields.keys.sorted() {
                if let value = fields[key] { line += " \(key)=\(escapeControl(value.description))" }
            }
        }
        return line
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case let .string(s): return .string(s)
        case let .stringConvertible(v):
            if v is LogNull { return .null }
            if let i = v as? Int { return .int(i) }
            if let d = v as? Double { return .double(d) }
            if let b = v as? Bool { return .bool(b) }
            return .string(v.description)
        case let .array(values): return .array(values.map(json))
        case let .dictionary(d): return .object(d.keys.sorted().compactMap { k in d[k].map { (k, json($0)) } })
        }
    }

    /// Escapes characters that could end or fake a log line (newlines, other controls, Unicode
    /// line separators) so one record is always one line.
    static func escapeControl(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 {
                    out.append(contentsOf: "\\u{\(String(v, radix: 16))}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    static func timestamp() -> String { FeedDate.iso8601(Date()) }
}
