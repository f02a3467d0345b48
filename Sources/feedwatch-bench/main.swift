import FeedWatchCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif
import StoryMatching

// feedwatch-bench: speed and memory of the matching stages, each next to a reference run in the
// same invocation (ratios matter; absolute numbers depend on the machine).
//
//   swift run -c release feedwatch-bench matching [--items N] [--stories N] [--queries N]

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func residentMB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func option(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}

// MARK: Synthetic news items in English, Russian and Arabic

enum Corpus {
    static let en = (
        yemen: ["Yemen's Houthis", "the Yemeni government", "Ansar Allah", "Yemen's defence minister", "Houthi officials in Sanaa", "the Aden central bank", "port authorities in Hodeidah"],
        russia: ["Russia", "Moscow", "the Kremlin", "Russia's foreign ministry", "a Russian delegation", "Russian officials", "a Russian-flagged tanker"],
        other: ["Saudi Arabia", "the European Union", "Oman's mediators", "the United States", "China", "Egypt", "the IMF"],
        verbs: ["held talks with", "condemned", "signed a wheat deal with", "hosted", "urged restraint on", "received a delegation from", "discussed arms supplies with"],
        tails: ["on Thursday, officials said.", "amid tension in the Red Sea.", "after weeks of negotiations.", "according to state media.", "as shipping insurance costs rose.", "in a statement on Monday."])
    static let ru = (
        yemen: ["Хуситы", "правительство Йемена", "делегация «Ансар Аллах»", "министр обороны Йемена", "власти Саны"],
        russia: ["МИД России", "Москва", "Кремль", "российская делегация", "Россия"],
        other: ["Саудовская Аравия", "Евросоюз", "Китай", "Египет", "США"],
        verbs: ["провели переговоры с", "осудили", "подписали соглашение с", "приняли", "обсудили поставки с"],
        tails: ["в четверг, сообщили источники.", "на фоне напряженности в Красном море.", "после нескольких недель переговоров.", "сообщили государственные СМИ."])
    static let ar = (
        yemen: ["الحوثيون", "الحكومة اليمنية", "وفد أنصار الله", "وزير الدفاع اليمني", "سلطات صنعاء"],
        russia: ["روسيا", "موسكو", "الكرملين", "الخارجية الروسية", "وفد روسي"],
        other: ["السعودية", "الاتحاد الأوروبي", "الصين", "مصر", "الولايات المتحدة"],
        verbs: ["بحث مع", "أدان", "وقع اتفاقا مع", "استقبل", "ناقش إمدادات مع"],
        tails: ["يوم الخميس، بحسب مصادر.", "وسط توتر في البحر الأحمر.", "بعد أسابيع من المفاوضات.", "وفق وسائل إعلام رسمية."])

    static func item(_ n: Int, _ rng: inout SplitMix) -> (title: String, lead: String) {
        func pick(_ list: [String]) -> String { list[Int.random(in: 0..<list.count, using: &rng)] }
        let lists = [en, ru, ar][n % 3]
        let onTopic = n % 2 == 0
        let subject = pick(lists.yemen)
        let object = onTopic ? pick(lists.russia) : pick(lists.other)
        let title = "\(subject) \(pick(lists.verbs)) \(object) \(pick(lists.tails))"
        let lead = "\(pick(lists.yemen)) \(pick(lists.verbs)) \(onTopic ? pick(lists.russia) : pick(lists.other)) \(pick(lists.tails)) "
            + "\(pick(lists.other)) \(pick(lists.verbs)) \(pick(lists.other)) \(Int.random(in: 1...90_000, using: &rng)) \(pick(lists.tails))"
        return (title, lead)
    }
}

// MARK: Benchmarks

func matching() throws {
    let config = try ConfigLoader.load(path: ConfigLoader.locate(explicit: nil))
    let classifier = StoryClassifier(rules: config.rules)
    let itemCount = option("--items", 100_000)
    var rng = SplitMix(state: 42)
    let items = (0..<itemCount).map { Corpus.item($0, &rng) }

    print("== classify + fingerprint (title + lead, one core, \(itemCount) items, EN/RU/AR mixed)")
    var onTopic = 0
    let reference = seconds {
        var tokens = 0
        for item in items { tokens += TextNormalizer.tokens(item.title + "\n" + item.lead).count }
        precondition(tokens > 0)
    }
    let measured = seconds {
        for item in items {
            let (tokens, bodyStart) = classifier.tokens(title: item.title, lead: item.lead)
            let classification = classifier.classify(tokens: tokens, bodyStart: bodyStart)
            if classification.onTopic { onTopic += 1 }
            _ = classifier.fingerprint(tokens: tokens)
        }
    }
    print(String(format: "  feedwatch classify+fingerprint: %10.0f items/s  (%d on topic)", Double(itemCount) / measured, onTopic))
    print(String(format: "  reference, tokenize only:       %10.0f items/s", Double(itemCount) / reference))
    print(String(format: "  ratio to the reference: %.2f  (target: >= 20,000 items/s)", reference / measured))

    let storyCount = option("--stories", 1_000_000)
    let queryCount = option("--queries", 10_000)
    print("\n== duplicate lookup against \(storyCount) stored fingerprints (\(queryCount) queries)")
    // Content-word hashes from a Zipf-like vocabulary, as news text has.
    let vocabulary = (0..<200_000).map { Fingerprint(text: "word\($0)").words[0] }
    func zipfWord(_ rng: inout SplitMix) -> UInt64 {
        let u = Double.random(in: 0..<1, using: &rng)
        return vocabulary[min(vocabulary.count - 1, Int(pow(Double(vocabulary.count), u)) - 1)]
    }
    func randomStory(_ rng: inout SplitMix) -> Fingerprint {
        var words = Set<UInt64>()
        let size = Int.random(in: 30...150, using: &rng)
        while words.count < size { words.insert(zipfWord(&rng)) }
        return Fingerprint(words: words.sorted())
    }
    let before = residentMB()
    var index = StoryIndex()
    var sample: [Fingerprint] = []
    let build = seconds {
        for id in 0..<storyCount {
            let story = randomStory(&rng)
            if id % (storyCount / 1000) == 0 { sample.append(story) }
            index.insert(id: Int64(id), fingerprint: story)
        }
    }
    let memory = residentMB() - before
    print(String(format: "  built in %.1f s; index memory %.0f MB (%.0f bytes per story)", build, memory, memory * 1_048_576 / Double(storyCount)))

    // Half the queries are trimmed, lightly reworded copies of stored stories; half are new.
    var queries: [(Fingerprint, Int64?)] = []
    for q in 0..<queryCount {
        if q % 2 == 0 {
            let slot = Int.random(in: 0..<sample.count, using: &rng)
            let original = sample[slot]
            var words = Set(original.words.shuffled(using: &rng).prefix(max(8, original.words.count * 3 / 4)))
            for _ in 0..<max(1, original.words.count / 10) { words.insert(zipfWord(&rng)) }
            queries.append((Fingerprint(words: words.sorted()), Int64(slot * (storyCount / 1000))))
        } else {
            queries.append((randomStory(&rng), nil))
        }
    }
    var found = 0, falseMatches = 0
    let lookup = seconds {
        for (query, expected) in queries {
            let best = index.nearest(to: query, threshold: config.dedup.similarity)
            if let expected {
                if best?.id == expected, (best?.similarity ?? 0) >= config.dedup.similarity { found += 1 }
            } else if (best?.similarity ?? 0) >= config.dedup.similarity {
                falseMatches += 1
            }
        }
    }
    // The reference: an exact scan of every stored fingerprint (on a few queries; it is slow),
    // over stories drawn from the same distribution.
    var stored: [Fingerprint] = []
    var referenceRNG = SplitMix(state: 4242)
    let scanCount = min(storyCount, 200_000)
    for _ in 0..<scanCount { stored.append(randomStory(&referenceRNG)) }
    let scanQueries = queries.prefix(10)
    let scan = seconds {
        for (query, _) in scanQueries {
            var best = 0.0
            for story in stored { best = max(best, query.similarity(to: story)) }
            precondition(best >= 0)
        }
    } * Double(storyCount) / Double(scanCount)
    let perLookup = lookup / Double(queryCount) * 1000
    let perScan = scan / Double(scanQueries.count) * 1000
    print(String(format: "  feedwatch StoryIndex: %8.3f ms per item; copies found %d/%d, false matches %d/%d",
                 perLookup, found, queryCount / 2, falseMatches, queryCount - queryCount / 2))
    print(String(format: "  reference, exact scan: %7.1f ms per item (measured on %d stories, scaled to %d)", perScan, scanCount, storyCount))
    print(String(format: "  speed-up over the exact scan: %.0fx  (target: < 1 ms per item)", perScan / perLookup))
}

let command = CommandLine.arguments.dropFirst().first ?? "help"
switch command {
case "matching":
    try matching()
case "parsing":
    try parsing()
default:
    print("usage: feedwatch-bench matching [--items N] [--stories N] [--queries N] | parsing [--feeds N]")
}
