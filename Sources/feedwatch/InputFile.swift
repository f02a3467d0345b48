import Foundation

/// Reads a file argument, where `-` means standard input.
enum InputFile {
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(message: "cannot read \(path): no such file, or not readable")
        }
        return [UInt8](data)
    }
}

struct InputError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
