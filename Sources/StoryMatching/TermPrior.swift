import Foundation

/// Document frequencies measured once, before the daemon has read anything itself, so that on a
/// fresh install "said", "officials" or "Monday" already weigh less than a name.
///
/// The built-in prior (`builtIn`) combines two sources:
/// - term counts over the titles and leads of public feed items (the project's real-feed corpus;
///   `feedwatch-bench prior` regenerates `TermPrior+Data.swift`), stored as term hashes and
///   counts, never as text;
/// - `CommonNewsWords`: a short hand-written list of the words news in English, Arabic and Russian
///   uses every day, counted as if each appeared in a tenth of all documents.
public struct TermPrior: Sendable {
    public let documents: Double
    public let frequencies: [UInt64: Float]

    public init(documents: Double, frequencies: [UInt64: Float]) {
        self.documents = documents
        self.frequencies = frequencies
    }

    public static let empty = TermPrior(documents: 0, frequencies: [:])

    /// The shipped prior (see the type's documentation).
    public static let builtIn: TermPrior = {
        let measured = decode(TermPriorData.encoded, documents: TermPriorData.documents)
        var frequencies = measured.frequencies
        let common = Float(measured.documents / 10)
        for word in CommonNewsWords.all {
            for key in StoryTerms.wordKeys(word) { frequencies[key] = max(frequencies[key] ?? 0, common) }
        }
        return TermPrior(documents: measured.documents, frequencies: frequencies)
    }()

    /// Storage form: per term, its 8-byte key and a 2-byte count (little-endian), base64.
    public static func encode(_ frequencies: [UInt64: Float]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(frequencies.count * 10)
        for (key, count) in frequencies.sorted(by: { $0.key < $1.key }) {
            withUnsafeBytes(of: key.littleEndian) { bytes.append(contentsOf: $0) }
            let clamped = UInt16(min(Float(UInt16.max), count.rounded()))
            withUnsafeBytes(of: clamped.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    static func decode(_ text: String, documents: Double) -> TermPrior {
        guard let data = Data(base64Encoded: text) else { return .empty }
        let bytes = [UInt8](data)
        var frequencies: [UInt64: Float] = [:]
        frequencies.reserveCapacity(bytes.count / 10)
        var index = 0
        while index + 10 <= bytes.count {
            var key: UInt64 = 0
            for k in 0..<8 { key |= UInt64(bytes[index + k]) << (8 * k) }
            let count = UInt16(bytes[index + 8]) | UInt16(bytes[index + 9]) << 8
            frequencies[key] = Float(count)
            index += 10
        }
        return TermPrior(documents: documents, frequencies: frequencies)
    }
}
