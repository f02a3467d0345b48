import StoryMatching
import Testing

private func words(_ text: String) -> [String] { TextNormalizer.words(text) }

private func rules() throws -> StoryRules {
    StoryRules(
        yemen: try TermSet(parsing: ["yemen", "yemeni", "houthi", "\"ansar allah\"", "sanaa", "aden", "hodeidah",
                                     "йемен*", "хусит*", "اليمن", "يمني*", "حوثي*", "عدن", "\"أنصار الله\""]),
        russia: try TermSet(parsing: ["russia", "russian", "moscow", "kremlin", "росси*", "москв*", "روسي*", "موسكو"]),
        exclusions: try TermSet(parsing: ["\"russian roulette\"", "\"русск* рулетк*\"", "\"روليت روسي*\"", "\"moscow idaho\""]),
        offTopicContexts: try TermSet(parsing: ["football", "brent"]),
        references: try TermSet(parsing: ["vote", "abstain*", "crew", "captain", "delegation", "пшениц*", "التصويت"]),
        tags: [
            TagRule(name: "diplomacy", terms: try TermSet(parsing: ["talks", "delegation", "переговор*", "وفد*"])),
            TagRule(name: "shipping", terms: try TermSet(parsing: ["ship", "tanker*", "\"red sea\""])),
            TagRule(name: "arms", terms: try TermSet(parsing: ["missile*"]), threshold: 2),
            TagRule(name: "government", terms: try TermSet(parsing: ["ministry", "minister", "ambassador", "министр*", "посол", "محافظ", "سفير",
                                                                          "\"yemen and russia\""]),
                    side: .yemen),
            TagRule(name: "economy", terms: try TermSet(parsing: ["oil"]), exclusions: try TermSet(parsing: ["\"oil tanker*\""])),
        ])
}

@Suite("Text normalization")
struct NormalizationTests {
    @Test("Case, ё, apostrophes, possessives and Latin diacritics fold")
    func latinAndCyrillic() {
        #expect(words("Sana'a and SANAA") == ["sanaa", "and", "sanaa"])
        #expect(words("Russia's envoy") == ["russia", "envoy"])
        #expect(words("Ёлка Зелёная") == ["елка", "зеленая"])
        #expect(words("Café São") == ["cafe", "sao"])
    }

    @Test("Compatibility forms fold (NFKC): Arabic presentation forms, full-width Latin, ligatures")
    func compatibility() {
        #expect(words("\u{FE8D}\u{FEDF}\u{FEF4}\u{FEE4}\u{FEE6}") == ["اليمن"])
        #expect(words("ＲＵＳＳＩＡ \u{FB01}nal") == ["russia", "final"])
    }

    @Test("Hyphens and punctuation split words, so look-alikes stay apart")
    func splitting() {
        #expect(words("Baden-Baden") == ["baden", "baden"])
        #expect(words("Yemeni-Russian talks.") == ["yemeni", "russian", "talks"])
    }

    @Test("Arabic harakat, tatweel and letter variants fold")
    func arabicFolding() {
        #expect(words("رُوسِيَا") == ["روسيا"])
        #expect(words("اليمـــن") == ["اليمن"])
        #expect(words("أنصار إلى مدينة مستشفى") == ["انصار", "الي", "مدينه", "مستشفي"])
    }

    @Test("Arabic clitic prefixes are matched through variants", arguments: ["اليمن", "واليمن", "باليمن", "لليمن", "فاليمن", "وباليمن"])
    func arabicClitics(_ word: String) throws {
        let token = try #require(TextNormalizer.tokens(word).first)
        #expect(token.variants.contains("يمن"))
    }

    @Test("Sentences advance the unit; the title is unit 0")
    func units() {
        let tokens = TextNormalizer.tokens("One two. Three! Four", firstUnit: 1)
        #expect(tokens.map(\.unit) == [1, 1, 2, 3])
    }
}

@Suite("Terms")
struct TermTests {
    @Test("Words match whole tokens and their English plural, never substrings")
    func wholeWords() throws {
        let set = try TermSet(parsing: ["yemen", "houthi", "aden"])
        #expect(set.hits(in: TextNormalizer.tokens("Houthis in Yemen")).map(\.term) == ["houthi", "yemen"])
        #expect(set.hits(in: TextNormalizer.tokens("Yemenite Baden-Baden cuisine")).isEmpty)
    }

    @Test("A Latin plural carrying an Arabic clitic matches the singular term, as it matches without one")
    func pluralWithClitic() throws {
        let set = try TermSet(parsing: ["houthi", "\"houthi attacks\""])
        // «بـHouthis»: the clitic ب and a tatweel written onto the Latin word, read without them.
        let hits = set.hits(in: TextNormalizer.tokens("\u{0628}\u{0640}Houthis \u{0628}\u{0640}Houthis attacks"))
        #expect(hits.map(\.term) == ["houthi", "houthi", "\"houthi attacks\""])
    }

    @Test("Stems match every inflected form")
    func stems() throws {
        let set = try TermSet(parsing: ["росси*", "йемен*"])
        let text = "России Россией российский Йемена йеменской"
        #expect(set.hits(in: TextNormalizer.tokens(text)).count == 5)
    }

    @Test("Phrases match adjacent words, across punctuation")
    func phrases() throws {
        let set = try TermSet(parsing: ["\"ansar allah\"", "moscow idaho"])
        #expect(set.hits(in: TextNormalizer.tokens("Ansar Allah delegation")).count == 1)
        #expect(set.hits(in: TextNormalizer.tokens("Allah Ansar")).isEmpty)
        #expect(set.hits(in: TextNormalizer.tokens("Moscow, Idaho")).map(\.range) == [0..<2])
    }

    @Test("A phrase stops at a sentence end, a colon, a semicolon or a dash set off by spaces, unless the term has such a mark there too")
    func phraseBreaks() throws {
        let set = try TermSet(parsing: ["\"yemen-russia\"", "\"روسيا واليمن\""])
        #expect(set.hits(in: TextNormalizer.tokens("Moscow condemns strikes on Yemen — Russia's UN envoy")).isEmpty)
        #expect(set.hits(in: TextNormalizer.tokens("Strikes on Yemen: Russia objects")).isEmpty)
        #expect(set.hits(in: TextNormalizer.tokens("Yemen-Russia talks; Yemen–Russia ties")).count == 2)
        #expect(set.hits(in: TextNormalizer.tokens("تدين روسيا؛ واليمن ترحب")).isEmpty)
        // A dash with a space on each side sets off a clause as an em dash does; a horizontal bar always does.
        #expect(set.hits(in: TextNormalizer.tokens("Strikes on Yemen – Russia's envoy objects")).isEmpty)
        #expect(set.hits(in: TextNormalizer.tokens("Strikes on Yemen - Russia's envoy objects")).isEmpty)
        #expect(set.hits(in: TextNormalizer.tokens("Strikes on Yemen\u{2015}Russia's envoy objects")).isEmpty)
        #expect(set.hits(in: TextNormalizer.tokens("Yemen -Russia talks; Yemen– Russia ties")).count == 2)
        // A term reads a dash as a story does: written spaced, it is a break the story may have.
        let dashed = try TermSet(parsing: ["\"russia - ukraine war\""])
        #expect(dashed.hits(in: TextNormalizer.tokens("Wheat costs rise amid the Russia - Ukraine war and the Russia-Ukraine war")).count == 2)
        // Arabic writes a compound with a spaced dash ("the Yemeni – Russian committee").
        let arabic = try TermSet(parsing: ["\"يمنية روسية\""])
        #expect(arabic.hits(in: TextNormalizer.tokens("اللجنة اليمنية – الروسية")).count == 1)
        // In a lead: a semicolon, a colon followed by a quote, and a sentence end.
        let lead = TextNormalizer.tokens("Drones struck ports in Yemen; Russia objected. Officials in Yemen: \"Russia is silent\". "
            + "Aid reached Yemen. Russia said more would come.", firstUnit: 1)
        #expect(set.hits(in: lead).isEmpty)
        let written = try TermSet(parsing: ["\"yemen: russia\""])
        #expect(written.hits(in: TextNormalizer.tokens("Yemen: Russia ties. Yemen — Russia ties")).count == 2)
        // Written without spaces, the mark still belongs to the term.
        let unspaced = try TermSet(parsing: ["\"yemen:russia\""])
        #expect(unspaced.hits(in: TextNormalizer.tokens("Yemen:Russia ties")).count == 1)
        #expect(try Term(parsing: "\"yemen: russia\"").covers(try Term(parsing: "\"yemen russia\"")))
        #expect(!(try Term(parsing: "\"yemen russia\"").covers(try Term(parsing: "\"yemen: russia\""))))
    }

    @Test("A ^term matches only as the first word of the title or of a sentence, in every script")
    func sentenceStart() throws {
        let set = try TermSet(parsing: ["^yemen", "^йемен", "\"^اليمن\""])
        let title = TextNormalizer.tokens("Yemen signs deal. Strikes in Yemen")
        #expect(set.hits(in: title).map(\.range) == [0..<1])
        let lead = TextNormalizer.tokens("Хуситы атаковали судно. Йемен купил зерно, сообщили, что Йемен заплатит", firstUnit: 1)
        #expect(set.hits(in: lead).map(\.range) == [3..<4])
        // A possessive is something of the country's, not the country acting.
        #expect(set.hits(in: TextNormalizer.tokens("Yemen's rebels fire at a ship")).isEmpty)
        // So is one in full-width letters, which the normalizer folds another way.
        #expect(set.hits(in: TextNormalizer.tokens("\u{FF39}\u{FF45}\u{FF4D}\u{FF45}\u{FF4E}'s rebels fire at a ship")).isEmpty)
        #expect(TextNormalizer.tokens("\u{FF39}\u{FF45}\u{FF4D}\u{FF45}\u{FF4E}'s rebels") == TextNormalizer.tokens("Yemen's rebels"))
        #expect(set.hits(in: TextNormalizer.tokens("اليمن وروسيا تتفقان على التعاون في اليمن")).map(\.range) == [0..<1])
        #expect(try Term(parsing: "^yemen").atSentenceStart && !(try Term(parsing: "yemen").atSentenceStart))
    }

    @Test("Unusable terms are rejected with a reason", arguments: ["*", "  ", "ab*", "a*b", "^", "yemen^", "\"in ^yemen\"", "^@houthis"])
    func badTerms(_ source: String) {
        #expect(throws: TermError.self) { try Term(parsing: source) }
    }

    @Test("A term that could never match says why: mixed scripts in a word, an invisible character", arguments: [
        ("рoссия", "mixes Cyrillic and Latin"),  // a Latin o in a Cyrillic word
        ("yemen\u{200C}i", "invisible character (U+200C)"),
        ("\"ansar alla\u{0647}\"", "mixes Arabic and Latin"),
    ])
    func unmatchable(_ source: String, _ reason: String) throws {
        let term = try Term(parsing: source)
        #expect(term.unmatchableReason?.contains(reason) == true, "\(String(describing: term.unmatchableReason))")
        #expect(try Term(parsing: "россия").unmatchableReason == nil)
    }
}

@Suite("Topic rule and tags")
struct ClassifierTests {
    @Test("A Yemen term and a Russia term in the title make a story, in every language", arguments: [
        "Russian wheat cargo docks at Hodeidah",
        "МИД России призвал стороны конфликта в Йемене вернуться к переговорам",
        "وزير الخارجية اليمني يبحث مع السفير الروسي جهود السلام باليمن",
        "وفد من أنصار الله يشارك في منتدى دولي بموسكو",
    ])
    func onTopic(_ title: String) throws {
        let classifier = StoryClassifier(rules: try rules())
        #expect(classifier.classify(title: title, lead: "").onTopic)
    }

    @Test("One side alone, idioms and look-alikes stay silent", arguments: [
        "Houthis claim missile attack on tanker",
        "Russia's central bank holds key rate",
        "Yemen importers say rial slide has turned food trade into 'Russian roulette'",
        "Страховщики назвали проход через Красное море у Йемена «русской рулеткой»",
        "طريق عدن – تعز.. «روليت روسية» يومية للمسافرين",
        "Tel Aviv food festival pairs Yemenite and Russian-Jewish kitchens",
        "Yemeni-born roaster opens a cafe in Moscow, Idaho",
        "Baden-Baden's Russian Orthodox church reopens",
    ])
    func offTopic(_ title: String) throws {
        let classifier = StoryClassifier(rules: try rules())
        #expect(!classifier.classify(title: title, lead: "").onTopic)
    }

    @Test("Sides in different sentences interact only when the later one refers back to the event")
    func sentences() throws {
        let classifier = StoryClassifier(rules: try rules())
        // Two sentences side by side, nothing tying them.
        #expect(!classifier.classify(title: "Market report", lead: "Yemen talks stall. Russia ships oil.").onTopic)
        // Russia's part in the third sentence of a Security Council story.
        let vote = classifier.classify(title: "Council renews Yemen sanctions",
                                       lead: "The Security Council renewed sanctions on Yemen's Houthis. The text passed 13-0. Russia abstained in the vote.")
        #expect(vote.onTopic)
        #expect(vote.interaction?.tie == .linked)
        #expect(["vote", "abstain*"].contains(vote.interaction?.reference?.term ?? ""))
        // The Russian captain of an attacked ship, in Russian and in English.
        #expect(classifier.classify(title: "Bulk carrier fired on off Yemen",
                                    lead: "Gunmen fired on a bulk carrier off Yemen. Nobody was hurt. Its captain, a Russian citizen, said the boats turned away.").onTopic)
        #expect(classifier.classify(title: "В порту на западе Йемена разгрузили пшеницу",
                                    lead: "В йеменском порту разгрузили 55 тыс. тонн пшеницы. Пшеница закуплена у российского экспортёра.").onTopic)
        // Too far apart even with a reference.
        #expect(!classifier.classify(title: "Report", lead: "Yemen's Houthis spoke. It was hot. Crowds gathered. Shops closed. Russia abstained in the vote.").onTopic)
        // A later sentence that opens with a contrast does not refer back.
        #expect(!classifier.classify(title: "Report", lead: "Yemen's Houthis held a rally. Meanwhile, a Russian delegation visited Cairo.").onTopic)
        // A sentence naming an off-topic context ties nothing, even in the title's company.
        let crossing = classifier.classify(title: "Oil climbs on Russian refinery outages", lead: "Brent rose after Yemen's Houthis attacked a tanker.")
        #expect(!crossing.onTopic)
        #expect(crossing.reason?.contains("brent") == true)
    }

    @Test("Contrast markers split a sentence into clauses that do not interact", arguments: [
        "Brent rose after Yemen's Houthis attacked a tanker, while separate drone strikes halted two Russian refineries.",
        "«Аэрофлот» откроет рейсы из Москвы в Маскат, а перевозчик Йемена увеличит число рейсов.",
        "ارتفع النفط بعد هجوم الحوثيين في اليمن، بينما توقفت مصاف روسية.",
    ])
    func clauses(_ lead: String) throws {
        let result = StoryClassifier(rules: try rules()).classify(title: "Markets", lead: lead)
        #expect(!result.onTopic)
    }

    @Test("A side named only as one item of a list does not count", arguments: [
        "Russia exported 4.8 million tonnes of wheat, with Egypt, Turkey, Saudi Arabia, Algeria, Yemen, Sudan and Israel among buyers.",
        "وصوتت لصالحه دول بينها اليمن والجزائر ومصر والسعودية وروسيا والصين والهند",
        // و joins a country named without the article (وليبيا, وسوريا) as it joins one with it.
        "صدرت روسيا القمح هذا العام إلى دول بينها مصر وليبيا وسوريا واليمن",
        // The last name runs on into the rest of the sentence.
        "Russia's foreign ministry told citizens to avoid travel to Libya, Yemen, Syria and Sudan because of security threats.",
    ])
    func lists(_ lead: String) throws {
        let result = StoryClassifier(rules: try rules()).classify(title: "Report", lead: lead)
        #expect(!result.onTopic)
        #expect((result.yemenHits + result.russiaHits).contains { $0.ignored == .listItem })
    }

    @Test("A short coordination is not a list: Russia and Yemen still interact")
    func notAList() throws {
        let classifier = StoryClassifier(rules: try rules())
        #expect(classifier.classify(title: "Talks", lead: "Russia, China and Yemen's Houthis met in Moscow.").onTopic)
        #expect(classifier.classify(title: "Yemen, Russia hold military talks", lead: "").onTopic)
        // Items of more than two words before "and" are clauses as often as a list: the run-on last one does not close them.
        #expect(classifier.classify(title: "Talks", lead: "Russia's envoy met the prime minister of Yemen, discussed shipping, "
            + "reviewed wheat deliveries and agreed on new flights.").onTopic)
        // A clause after the last "and" is not a run-on list item: the possessive owns what follows, and a list needs a lead-in.
        #expect(classifier.classify(title: "Seizure", lead: "The Houthis seized the ship, crew and cargo and Russia's foreign ministry condemned the seizure.").onTopic)
        #expect(classifier.classify(title: "Deal", lead: "Oman, Iran, Yemen and Russia signed a deal on shipping.").onTopic)
    }

    @Test("An off-topic context in the title vetoes the story")
    func contexts() throws {
        let result = StoryClassifier(rules: try rules()).classify(title: "Football: Yemen edge Nepal, Russia rout Brunei", lead: "")
        #expect(!result.onTopic)
        #expect(result.reason?.contains("football") == true)
    }

    @Test("A side-anchored tag counts a hit only when the nearest country term is on its side", arguments: [
        ("Yemeni minister meets Russian envoy in Moscow", true),
        ("Russia's Foreign Ministry condemns strikes on Yemen", false),
        ("Замминистра иностранных дел России принял делегацию Йемена", false),
        // Across "with" a country term belongs to the other party: the minister is Russia's.
        ("Houthi talks with the minister and officials from Russia", false),
        ("Министр обороны Йемена провёл переговоры с Россией", true),
        // Nothing beside the minister: he is the other party of the Russian across "with" (the
        // party after "with" when he comes before it, the sentence's subject when after).
        ("Oil minister holds talks with Russian envoy over Aden refinery", true),
        ("Russian envoy holds talks in Aden with the oil minister", true),
        // A country term that is one item of a list still says whose the word beside it is.
        ("استقبل وزير الدولة ومحافظ عدن وفدا من الخارجية والسفارة الروسية وممثلي الشركات ورجال الأعمال في عدن", true),
        // A meeting verb stands between the parties as "with" does.
        ("Interior minister Haydan met Russia's ambassador in Aden", true),
        // A term naming both sides is the Yemeni party's: "Yemen" as the state party to talks.
        ("Yemen and Russia hold talks in Moscow", true),
        // The country an official is posted to is the host, not theirs.
        ("New ambassador to Yemen says Moscow wants closer ties", false),
        ("Постоянный посол при Йемене заявил о поддержке России", false),
        ("سفير لدى اليمن يؤكد دعم روسيا", false),
        // «в», "in" and «في» also say where a government sits: the prime minister in Aden is Yemen's.
        ("Russia pledges aid to the prime minister in Aden", true),
    ])
    func sideAnchoring(_ title: String, _ tagged: Bool) throws {
        let result = StoryClassifier(rules: try rules()).classify(title: title, lead: "")
        #expect(result.onTopic)
        #expect(result.tags.contains("government") == tagged)
    }

    @Test("A side-anchored term far from any country term takes the side of its latest earlier mention in the same sentence")
    func sideFromEarlierMention() throws {
        let classifier = StoryClassifier(rules: try rules())
        let russian = "Russia's ministry condemned the overnight strikes on Houthi sites around Sanaa, calling them unlawful "
            + "and a grave threat to the region and its people, a ministry spokeswoman said."
        #expect(classifier.classify(title: "Moscow condemns strikes on Yemen", lead: russian).tagScores["government"] == 0)
        let yemeni = "Yemen's ministry condemned the overnight strikes on Houthi sites around Sanaa, calling them unlawful "
            + "and a grave threat to the region and its people, a ministry spokeswoman said."
        // Both mentions are the Yemeni ministry's: the lede scores 1 for each.
        #expect(classifier.classify(title: "Yemen condemns strikes, Russia silent", lead: yemeni).tagScores["government"] == 2)
        // A placement in another sentence does not carry over.
        let other = "Yemen's ministry stayed silent. " + russian
        #expect(classifier.classify(title: "Moscow condemns strikes on Yemen", lead: other).tagScores["government"] == 1)
    }

    @Test("A word named once with its country right beside it keeps that side when it comes back without one")
    func sideFromNamedMention() throws {
        let classifier = StoryClassifier(rules: try rules())
        let title = "Russia's ministry sends aid to Yemen"
        // The lead's "ministry" is nearest Aden, but it is the Russian ministry of the title.
        let lead = "The planes landed in Aden on Monday, and the ministry said more would follow."
        #expect(classifier.classify(title: title, lead: lead).tagScores["government"] == 0)
        #expect(classifier.classify(title: "Moscow sends aid to Yemen", lead: lead).tagScores["government"] == 1)
        // Punctuation between them leaves a word unnamed: "Aden, the ministry" is not Aden's ministry.
        #expect(classifier.classify(title: title, lead: "The planes reached Aden, the ministry said.").tagScores["government"] == 0)
        #expect(classifier.classify(title: title, lead: "The planes reached Aden where the Yemeni ministry said thanks.").tagScores["government"] == 1)
        // A country in the same clause within the window still places it: another ministry.
        let call = "He spoke by phone with the minister of the recognized Yemeni government on Monday."
        #expect(classifier.classify(title: "Russian minister holds call on Yemen", lead: call).tagScores["government"] == 1)
    }

    @Test("A title word takes the side the lead gives it, when the lead places every mention of it beside one country")
    func titleSideFromLead() throws {
        let classifier = StoryClassifier(rules: try rules())
        let title = "Russia welcomes Yemen truce extension, ministry says"
        #expect(classifier.classify(title: title, lead: "").tagScores["government"] == 2)
        let russian = classifier.classify(title: title, lead: "Russia's ministry said the extension opened the way to talks with the Houthis.")
        #expect(russian.tagScores["government"] == 0)
        #expect(russian.onTopic)
        // Mentions the lead places on both sides leave the title's own reading.
        let both = classifier.classify(title: title, lead: "Russia's ministry praised it and Yemen's ministry welcomed the praise from Moscow.")
        #expect(both.tagScores["government"] == 3)
        // One lead mention with no country beside it is enough to leave the title's reading.
        let unplaced = classifier.classify(title: title, lead: "The ministry called it a step. Russia's ministry later added more.")
        #expect(unplaced.tagScores["government"] == 2)
        // A title word placed beside its country, not at the title's end, keeps its own side.
        let placed = classifier.classify(title: "In Moscow, Yemen's minister hails ties with Russia",
                                         lead: "Russia's minister Sergei Lavrov said the talks were useful.")
        #expect(placed.onTopic)
        #expect(placed.tagScores["government"] == 2)
    }

    @Test("A later lead sentence that opens by referring back to the event is the story's subject for tags")
    func followUpSentences() throws {
        let classifier = StoryClassifier(rules: try rules())
        let title = "Houthi officials meet Russian diplomats in Moscow"
        let followUp = classifier.classify(title: title, lead: "They spoke of prisoners. The delegation then sailed home on a tanker.")
        #expect(followUp.tags.contains("shipping"))
        #expect(followUp.interaction?.followUps == [2])
        let late = classifier.classify(title: title, lead: "They spoke of prisoners. Officials said a tanker would carry the delegation home.")
        #expect(!late.tags.contains("shipping"))
        let contrast = classifier.classify(title: title, lead: "They spoke of prisoners. Meanwhile, the delegation of Oman boarded a tanker.")
        #expect(!contrast.tags.contains("shipping"))
    }

    @Test("Every lead sentence that ties the two sides on its own is the story's subject for tags")
    func everyTiedSentence() throws {
        let classifier = StoryClassifier(rules: try rules())
        let title = "Houthi officials meet Russian diplomats in Moscow"
        let tied = classifier.classify(title: title, lead: "They spoke of prisoners. Later, a Russian tanker docked in Yemen.")
        #expect(tied.tags.contains("shipping"))
        #expect(tied.interaction?.alsoTied.contains(2) == true)
        let untied = classifier.classify(title: title, lead: "They spoke of prisoners. Later, a tanker docked in Jeddah.")
        #expect(!untied.tags.contains("shipping"))
    }

    @Test("A tag with scope lead counts its terms in every lead sentence; the default counts the subject sentences only")
    func tagScope() throws {
        var rules = try rules()
        let party = try TermSet(parsing: ["houthi*"])
        rules.tags = [TagRule(name: "houthis", terms: party), TagRule(name: "claimed", terms: party, scope: .lead)]
        let classifier = StoryClassifier(rules: rules)
        let result = classifier.classify(title: "Bulk carrier with Russian crew hit off Yemen",
                                         lead: "A missile struck the ship at dawn. Nobody was hurt. Later, the Houthis said they fired it.")
        #expect(result.tags == ["claimed"])
    }

    @Test("A tag's own exclusions cancel its hits only")
    func tagExclusions() throws {
        let classifier = StoryClassifier(rules: try rules())
        let tanker = classifier.classify(title: "Houthis free crew of Russian oil tanker", lead: "")
        #expect(!tanker.tags.contains("economy"))
        #expect(tanker.tags.contains("shipping"))
        #expect(classifier.classify(title: "Russian oil deal for Yemen", lead: "").tags.contains("economy"))
    }

    @Test("A tag needs its threshold: a title hit scores 2, a lead hit 1")
    func tagThresholds() throws {
        let classifier = StoryClassifier(rules: try rules())
        #expect(!classifier.classify(title: "Houthi and Russian officials talk", lead: "Missiles were mentioned.").tags.contains("arms"))
        #expect(classifier.classify(title: "Houthi missiles and Russian officials", lead: "").tags.contains("arms"))
    }

    @Test("Tags carry the terms that fired where the story says what it is about; off-topic stories get none")
    func tags() throws {
        let classifier = StoryClassifier(rules: try rules())
        let result = classifier.classify(title: "Houthi delegation holds talks in Moscow",
                                         lead: "A Russian tanker waits in the Red Sea. Later, a ship docked in Jeddah.")
        // The lede (first lead sentence) counts; a tanker in the third sentence does not.
        #expect(result.tags == ["diplomacy", "shipping"])
        #expect(result.matched == ["houthi", "moscow", "russian", "delegation", "talks", "tanker*", "\"red sea\""])
        #expect(result.tagTerms["shipping"] == ["tanker*", "\"red sea\""])
        let incidental = classifier.classify(title: "Houthi delegation holds talks in Moscow",
                                             lead: "The talks covered prisoners. Officials also spoke of a ship.")
        #expect(!incidental.tags.contains("shipping"))
        let off = classifier.classify(title: "Delegation holds talks on tankers", lead: "")
        #expect(!off.onTopic && off.tags.isEmpty && off.matched.isEmpty)
    }
}
