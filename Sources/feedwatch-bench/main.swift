import FeedWatchConfiguration
import Foundation

#if canImport(Glibc)
import Glibc
#endif
import StoryMatching

// feedwatch-bench: speed and memory of the matching stages, each next to a reference run in the
// same invocation (ratios matter; absolute numbers depend on the machine).
//
//   swift run -c release feedwatch-bench matching [--items N] [--stories N] [--queries N] [--cpu-time]
//   (every command takes --config PATH; without it, the config the daemon would find)
//   swift run -c release feedwatch-bench verdicts [--items N] [FILE.jsonl | FILE.txt | FOLDER]...
//     (everything the classifier reads of each story: diff it before and after a speed change)

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

/// Wall-clock seconds `body` takes, or with `--cpu-time` the CPU seconds of this thread: on a
/// shared machine whose other work takes turns on the core, CPU time stays comparable between runs.
func seconds(_ body: () -> Void) -> Double {
    guard CommandLine.arguments.contains("--cpu-time") else {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

func residentMB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

/// The config every tool reads: `--config PATH`, else where the daemon looks (/etc/feedwatch
/// first, which a test or an install on the same machine may be rewriting).
func configPath() -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--config"), index + 1 < arguments.count else { return ConfigLoader.locate(explicit: nil) }
    return arguments[index + 1]
}

/// The command's own arguments: after its name, without `--config PATH`.
func commandArguments() -> [String] {
    var arguments = Array(CommandLine.arguments.dropFirst(2))
    if let index = arguments.firstIndex(of: "--config") { arguments.removeSubrange(index..<min(index + 2, arguments.count)) }
    return arguments
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
    let config = try ConfigLoader.load(path: configPath())
    let classifier = StoryClassifier(rules: config.rules)
    let itemCount = option("--items", 100_000)
    var rng = SplitMix(state: 42)
    let items = (0..<itemCount).map { Corpus.item($0, &rng) }

    print("== classify + identity terms (title + lead, one core, \(itemCount) items, EN/RU/AR mixed)")
    var onTopic = 0
    let reference = seconds {
        var tokens = 0
        for item in items { tokens += TextNormalizer.tokens(item.title + "\n" + item.lead).count }
        precondition(tokens > 0)
    }
    let leadSentences = config.dedup.identity.leadSentences
    let measured = seconds {
        var terms = 0
        for item in items {
            let analysis = classifier.analyze(StoryText(title: item.title, lead: item.lead))
            if analysis.classification.onTopic { onTopic += 1 }
            terms += analysis.termKeys(leadSentences: leadSentences).count
        }
        precondition(terms > 0)
    }
    print(String(format: "  feedwatch classify+terms:  %10.0f items/s  (%d on topic)", Double(itemCount) / measured, onTopic))
    print(String(format: "  reference, tokenize only:  %10.0f items/s", Double(itemCount) / reference))
    print(String(format: "  ratio to the reference: %.2f  (target: >= 20,000 items/s)", reference / measured))

    for stories in [option("--stories", 100_000), option("--more-stories", 1_000_000)] where stories > 0 {
        EventLookupBenchmark(stories: stories, queries: option("--queries", 2_000), rules: config.dedup.identity).run()
    }
}

/// Runs one command; a failure (a bad config, an unreadable file) is one line on stderr and
/// exit status 1, as from the daemon's own CLI, not a crash with a backtrace.
func run(_ command: String) throws {
    switch command {
    case "matching":
        try matching()
    case "parsing":
        try parsing()
    case "prior":
        try IdentityTools.prior(commandArguments())
    case "simulate":
        try IdentityTools.simulate(commandArguments())
    case "verdicts":
        try VerdictDump.run(commandArguments())
    default:
        print("usage: feedwatch-bench matching [--items N] [--stories N] [--more-stories N] [--queries N] [--cpu-time] | parsing [--feeds N] | prior FOLDER... | verdicts [--items N] [FILE.jsonl | FILE.txt | FOLDER]... | simulate FILE... [options]")
    }
}

do {
    try run(CommandLine.arguments.dropFirst().first ?? "help")
} catch {
    FileHandle.standardError.write(Data("feedwatch-bench: \(error)\n".utf8))
    exit(1)
}
