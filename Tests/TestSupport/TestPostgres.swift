import Foundation
import Testing

/// The PostgreSQL server the tests use: `FEEDWATCH_TEST_POSTGRES`, the URL of a role that may
/// create databases (`.ci/run` starts a throwaway cluster with scripts/postgres-cluster.sh and
/// sets it). Each test gets a database of its own, dropped when it is done.
public enum TestPostgres {
    /// The server's URL; nil when none is configured. In CI (`CI=true`) a missing server is a
    /// recorded failure, never a silent skip; locally the PostgreSQL cases are left out with a note.
    public static var serverURL: String? {
        if let url = ProcessInfo.processInfo.environment["FEEDWATCH_TEST_POSTGRES"], !url.isEmpty { return url }
        return nil
    }

    /// Whether the PostgreSQL cases run; prints or records why not.
    public static func available(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if serverURL != nil { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("FEEDWATCH_TEST_POSTGRES is not set: CI must start a PostgreSQL cluster (scripts/postgres-cluster.sh)", sourceLocation: sourceLocation)
        } else {
            print("PostgreSQL cases skipped: set FEEDWATCH_TEST_POSTGRES (scripts/postgres-cluster.sh start DIR prints it)")
        }
        return false
    }

    /// A new empty database on the server; returns its URL.
    public static func createDatabase() throws -> String {
        guard let server = serverURL, var components = URLComponents(string: server) else {
            throw TestPostgresError(message: "FEEDWATCH_TEST_POSTGRES is not set")
        }
        let name = "feedwatch_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try psql(server, "CREATE DATABASE \(name)")
        components.path = "/" + name
        return components.string ?? server
    }

    /// Drops a database `createDatabase` made (connections to it are ended first).
    public static func dropDatabase(_ url: String) {
        guard let server = serverURL, let name = URLComponents(string: url)?.path.dropFirst() else { return }
        try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one SQL statement through psql.
    public static func psql(_ url: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw TestPostgresError(message: "psql failed: \(message)")
        }
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
