import CLibPQ
import Foundation

/// A value sent to PostgreSQL as a statement parameter, always in text form: the server parses it
/// as the parameter's type, so doubles, integers, arrays and bytea need no binary encoding here.
enum PostgresParameter {
    case text(String)
    case double(Double)
    case int(Int64)
    case bytes([UInt8])
    case null

    init(_ text: String?) { self = text.map(PostgresParameter.text) ?? .null }
    init(_ double: Double?) { self = double.map(PostgresParameter.double) ?? .null }

    /// A `text[]` literal.
    static func textArray(_ values: [String]) -> PostgresParameter {
        .text("{" + values.map(quoted).joined(separator: ",") + "}")
    }

    /// A `float8[]` literal; nil elements are NULL.
    static func doubleArray(_ values: [Double?]) -> PostgresParameter {
        .text("{" + values.map { $0.map { "\($0)" } ?? "NULL" }.joined(separator: ",") + "}")
    }

    /// A `bigint[]` literal.
    static func intArray(_ values: [Int64]) -> PostgresParameter {
        .text("{" + values.map(String.init).joined(separator: ",") + "}")
    }

    /// A `text[]` literal whose nil elements are NULL.
    static func optionalTextArray(_ values: [String?]) -> PostgresParameter {
        .text("{" + values.map { $0.map(quoted) ?? "NULL" }.joined(separator: ",") + "}")
    }

    private static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    var text: String? {
        switch self {
        case let .text(value): return value
        case let .double(value): return "\(value)"
        case let .int(value): return String(value)
        case let .bytes(value):
            return "\\x" + value.map { String(format: "%02x", $0) }.joined()
        case .null: return nil
        }
    }
}

/// The rows one statement returned, read as text (libpq's default format) and converted here.
/// Owns its PGresult, freed when the rows are.
final class PostgresRows {
    private let result: OpaquePointer
    let count: Int

    init(_ result: OpaquePointer) {
        self.result = result
        count = Int(PQntuples(result))
    }

    deinit { PQclear(result) }

    /// Rows the statement changed (INSERT, UPDATE, DELETE).
    var changed: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    func string(_ row: Int, _ column: Int) -> String? {
        guard PQgetisnull(result, Int32(row), Int32(column)) == 0 else { return nil }
        return String(cString: PQgetvalue(result, Int32(row), Int32(column)))
    }

    func double(_ row: Int, _ column: Int) -> Double? { string(row, column).flatMap(Double.init) }
    func int(_ row: Int, _ column: Int) -> Int? { string(row, column).flatMap { Int($0) } }

    /// A bytea column, which the server sends as `\x` and hex digits.
    func bytes(_ row: Int, _ column: Int) -> [UInt8]? {
        guard let text = string(row, column) else { return nil }
        var digits = Substring(text)
        if digits.hasPrefix("\\x") { digits = digits.dropFirst(2) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.utf8.count / 2)
        var high: UInt8?
        for character in digits.utf8 {
            guard let nibble = Self.nibble(character) else { return nil }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// One libpq connection. Not Sendable: `PostgresStore` keeps it behind a mutex, so one thread
/// at a time uses it, as libpq requires of a connection.
///
/// A connection the server dropped (a restart, a network cut) is reset before the next
/// statement, so the daemon's next poll works again without a restart of its own.
final class PostgresConnection {
    private let handle: OpaquePointer
    /// The address without its password, for messages.
    let location: String

    /// Connects to `url` (a `postgresql://` URI). `password`, when given, overrides any in the
    /// URL; libpq also reads `PGPASSWORD` and `~/.pgpass` itself.
    init(url: String, password: String?, location: String, readOnly: Bool = false) throws(StoreError) {
        self.location = location
        // Defaults first: what the URL says overrides them. Keepalives let the server notice a
        // dead host within a minute and free the locks its transaction held; a session left idle
        // in a transaction is ended after five minutes for the same reason. The session options
        // come back with the connection after a reset.
        var options = "-c client_min_messages=warning -c idle_in_transaction_session_timeout=300000"
        if readOnly { options += " -c default_transaction_read_only=on" }
        var keys = ["connect_timeout", "application_name", "keepalives", "keepalives_idle", "keepalives_interval",
                    "keepalives_count", "options", "dbname"]
        var values = ["10", "feedwatch", "1", "30", "10", "3", options, url]
        if let password {
            keys.append("password")
            values.append(password)
        }
        let connection = Self.connect(keys: keys, values: values)
        guard let connection else { throw StoreError(path: location, message: "cannot connect (libpq is out of memory)") }
        handle = connection
        guard PQstatus(handle) == CONNECTION_OK else {
            throw StoreError(path: location, message: "cannot connect (\(lastError)); check the address, the role's password and that the server accepts connections from this host")
        }
    }

    deinit { PQfinish(handle) }

    private static func connect(keys: [String], values: [String]) -> OpaquePointer? {
        let keyPointers = keys.map { strdup($0) } + [nil]
        let valuePointers = values.map { strdup($0) } + [nil]
        defer {
            keyPointers.forEach { free($0) }
            valuePointers.forEach { free($0) }
        }
        return keyPointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyBuffer in
            valuePointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { valueBuffer in
                PQconnectdbParams(keyBuffer.baseAddress, valueBuffer.baseAddress, 1)
            }
        }
    }

    private var lastError: String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs one statement with `$1`, `$2`… parameters and returns its rows.
    @discardableResult
    func execute(_ sql: String, _ parameters: [PostgresParameter] = []) throws(StoreError) -> PostgresRows {
        if PQstatus(handle) != CONNECTION_OK { PQreset(handle) }
        let texts = parameters.map { $0.text.map { strdup($0) } ?? nil }
        defer { texts.forEach { free($0) } }
        let result = texts.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            PQexecParams(handle, sql, Int32(texts.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        guard let result else { throw StoreError(path: location, message: "lost the connection (\(lastError))") }
        let rows = PostgresRows(result)
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw StoreError(path: location, message: message.isEmpty ? lastError : message)
        }
        return rows
    }

    /// Runs several statements without parameters (a migration).
    func executeScript(_ sql: String) throws(StoreError) {
        guard let result = PQexec(handle, sql) else { throw StoreError(path: location, message: "lost the connection (\(lastError))") }
        let rows = PostgresRows(result)
        guard PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK else {
            throw StoreError(path: location, message: String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        _ = rows
    }

    /// Runs `body` in one transaction, rolled back when it throws.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }
}
