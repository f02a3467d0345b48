import StoryMatching
import Testing

/// A deterministic generator so the tests are repeatable.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func story(_ count: Int, from vocabulary: Int, _ rng: inout SplitMix) -> Fingerprint {
    var words = Set<String>()
    while words.count < count { words.insert("w\(Int.random(in: 0..<vocabulary, using: &rng))") }
    return Fingerprint(text: words.sorted().joined(separator: " "))
}

@Suite("The story index")
struct StoryIndexTests {
    @Test("Finds a copy, a trimmed copy and an expanded copy; not an unrelated story")
    func copies() throws {
        var rng = SplitMix(state: 7)
        var index = StoryIndex()
        var stored: [Fingerprint] = []
        for id in 0..<500 {
            let fingerprint = story(80, from: 50_000, &rng)
            stored.append(fingerprint)
            index.insert(id: Int64(id), fingerprint: fingerprint)
        }
        let original = stored[123]
        let exactMatch = index.nearest(to: original, threshold: 0.7)
        let exact = try #require(exactMatch)
        #expect(exact.id == 123)
        #expect(exact.similarity > 0.95)

        let trimmed = Fingerprint(words: Array(original.words.prefix(30)))
        let trimmedMatch = index.nearest(to: trimmed, threshold: 0.7)
        let foundTrimmed = try #require(trimmedMatch)
        #expect(foundTrimmed.id == 123)
        #expect(foundTrimmed.similarity > 0.9)

        let expanded = Fingerprint(words: (original.words + story(200, from: 50_000, &rng).words).sorted())
        let expandedMatch = index.nearest(to: expanded, threshold: 0.7)
        #expect(expandedMatch?.id == 123)

        let unrelated = story(80, from: 50_000, &rng)
        let unrelatedMatch = index.nearest(to: unrelated, threshold: 0.7)
        #expect((unrelatedMatch?.similarity ?? 0) < 0.2)
    }

    @Test("The Bloom estimate tracks the exact similarity")
    func estimate() {
        var rng = SplitMix(state: 11)
        for overlap in stride(from: 10, through: 70, by: 15) {
            let base = story(100, from: 100_000, &rng)
            let other = Fingerprint(words: Set(base.words.prefix(overlap) + story(100 - overlap, from: 100_000, &rng).words).sorted())
            var index = StoryIndex()
            index.insert(id: 1, fingerprint: base)
            let estimated = index.nearest(to: other, threshold: 0.05)?.similarity ?? 0
            let exact = other.similarity(to: base)
            #expect(abs(estimated - exact) < 0.08, "overlap \(overlap): estimated \(estimated), exact \(exact)")
        }
    }

    @Test("Texts too short to compare find nothing")
    func tooShort() {
        var index = StoryIndex()
        index.insert(id: 1, fingerprint: Fingerprint(text: "Yemen Russia talks Moscow delegation Houthi ministers"))
        let match = index.nearest(to: Fingerprint(text: "Yemen Russia"))
        #expect(match == nil)
    }
}
