import FeedWatchStore
import Foundation
import TestSupport
import Testing

/// The backends the store's suite runs against: SQLite always, PostgreSQL when a server is
/// configured (always in CI).
enum StoreBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgresql

    var description: String { rawValue }

    static var available: [StoreBackend] { TestPostgres.available() ? allCases : [.sqlite] }
}

/// A fresh empty state on one backend, removed when the test is done.
final class ScratchState {
    let backend: StoreBackend
    /// The state folder (SQLite) or the database URL (PostgreSQL).
    let address: String

    init(_ backend: StoreBackend) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            address = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-store-\(UUID().uuidString)").path
        case .postgresql:
            address = try TestPostgres.createDatabase()
        }
    }

    deinit {
        switch backend {
        case .sqlite: try? FileManager.default.removeItem(atPath: address)
        case .postgresql: TestPostgres.dropDatabase(address)
        }
    }

    /// A store on the state, opened for writing (a new connection each time on PostgreSQL: a
    /// second call is a second instance).
    func open() throws -> any StateStore {
        switch backend {
        case .sqlite: return try SQLiteStore(directory: address)
        case .postgresql: return try PostgresStore(url: address)
        }
    }

    func openReadOnly() throws -> (any StateStore)? {
        switch backend {
        case .sqlite: return try SQLiteStore.readOnly(directory: address)
        case .postgresql: return try PostgresStore(readingFrom: address)
        }
    }
}
