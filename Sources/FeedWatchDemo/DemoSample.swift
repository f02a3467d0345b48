/// The demo's sample: three small feeds written for feedwatch in English, Arabic and Russian, as
/// RSS 2.0 and Atom 1.0. The events are invented (real office-holders are named; what they do
/// here is made up) and the outlets and their `.example` sites are fictional.
///
/// They are Swift literals, not resource files: `scripts/install.sh` installs only the binary
/// and the seeds, and `swift run` has no install folder at all, so text compiled into the binary
/// is the one place every way of running feedwatch finds. The whole sample is a few kilobytes.
///
/// Each item says what the shipped config and seeds make of it (`expected`); `feedwatch demo`
/// notes any difference, which means the config or seeds in use are not the shipped ones.
enum DemoSample {
    static let feeds = [redSeaMonitor, adenHerald, vostokDaily]

    /// The alert `feedwatch demo` explains with `match --explain`: the Houthi negotiator of seed 002
    /// at a new meeting with the successor of the minister he met there, so the explanation shows
    /// why that is news.
    static let explained = abdulSalamInMoscow

    // MARK: Red Sea Monitor (English, RSS 2.0)

    static let russianWheatAtHodeidah = DemoItem(
        slug: "news/russian-wheat-ship-docks-at-hodeidah", poll: 1, hoursAgo: 10, expected: .alert,
        title: "Russian wheat ship docks at Hodeidah with 25,000 tonnes of grain",
        lead: """
            The bulk carrier Volga Star berthed at Hodeidah port overnight and began unloading 25,000 tonnes of \
            Russian wheat, the Houthi-run port authority said. It is the third cargo of Russian grain to reach the \
            Red Sea port this year.
            """)

    static let abdulSalamInMoscow = DemoItem(
        slug: "news/abdul-salam-alimov-moscow-talks", poll: 2, hoursAgo: 1, expected: .alert,
        title: "Houthi negotiator Abdul-Salam holds talks with deputy foreign minister Alimov in Moscow",
        lead: """
            Mohammed Abdul-Salam, the chief negotiator of Yemen's Ansar Allah, met Russian Deputy Foreign Minister \
            Alexander Alimov in Moscow to discuss a prisoner exchange and the reopening of Sanaa airport, the Russian \
            Foreign Ministry said.
            """)

    static let redSeaMonitor = DemoFeed(
        name: "Red Sea Monitor", path: "/red-sea-monitor/rss.xml", site: "https://redsea-monitor.example",
        format: .rss, language: "en",
        items: [
            russianWheatAtHodeidah,
            DemoItem(
                slug: "markets/brent-edges-higher", poll: 1, hoursAgo: 9, expected: .offTopic,
                title: "Brent crude edges higher as traders weigh Russian export curbs and Houthi threats",
                lead: """
                    Oil futures rose 1.2% in early trading, with analysts citing tighter supply from Russia and \
                    insurance costs for tankers passing Yemen.
                    """),
            // A re-run of seed 000 (an undated article, so a copy matches it at any distance).
            DemoItem(
                slug: "archive/yemen-russia-military-talks", poll: 2, hoursAgo: 5, expected: .duplicateOfSeed,
                title: """
                    After the thwarting of Moscow's delivery of weapons to the Houthis, Yemeni-Russian military talks \
                    are underway to enhance defense cooperation
                    """,
                lead: """
                    Yemen and Russia held military talks on Thursday to discuss ways to enhance defense cooperation, \
                    days after the Kremlin reportedly backed down from delivering a weapons shipment to the Houthis. \
                    The official Yemeni News Agency reported that Yemeni Defense Minister Muhsen al-Daeri met with \
                    Russian Deputy Defense Minister, Colonel-General Alexander Vasilyevich Fomin, to discuss \
                    strengthening defense cooperation between the two countries.
                    """),
            DemoItem(
                slug: "travel/dubai-fair-exhibitors", poll: 2, hoursAgo: 4, expected: .offTopic,
                title: "Travel fair in Dubai draws exhibitors from Egypt, Turkey, Oman, Yemen and Russia",
                lead: """
                    More than 2,000 tour operators opened stands at the four-day fair, where airlines announced new \
                    routes for the winter season.
                    """),
            abdulSalamInMoscow,
        ])

    // MARK: Aden Herald (Arabic, with an English edition; Atom 1.0)

    static let adenHerald = DemoFeed(
        name: "Aden Herald", path: "/aden-herald/atom.xml", site: "https://adenherald.example",
        format: .atom, language: "ar",
        items: [
            DemoItem(
                slug: "ar/zindani-receives-russian-ambassador", poll: 1, hoursAgo: 8, expected: .alert,
                title: "رئيس الوزراء الزنداني يستقبل السفير الروسي في عدن",
                lead: """
                    استقبل رئيس مجلس الوزراء شائع الزنداني في عدن سفير روسيا الاتحادية لدى اليمن يفغيني كودروف، \
                    وبحث معه مشاريع الطاقة والتعاون في تشغيل الموانئ. وأكد السفير الروسي دعم بلاده لوحدة اليمن واستقراره.
                    """),
            DemoItem(
                slug: "ar/gold-prices-aden", poll: 1, hoursAgo: 6, expected: .offTopic,
                title: "ارتفاع أسعار الذهب في أسواق عدن مع تراجع الريال",
                lead: """
                    سجلت أسعار الذهب في عدن ارتفاعا جديدا هذا الأسبوع، وقال تجار إن تراجع سعر صرف الريال اليمني \
                    دفع المدخرين إلى شراء المعدن الأصفر.
                    """),
            // Another outlet's rewrite of Red Sea Monitor's story: new headline, reworded lead, the
            // same ship, port and tonnage.
            DemoItem(
                slug: "en/hodeidah-russian-wheat-cargo", poll: 2, hoursAgo: 3, expected: .duplicateOfAlert,
                language: "en",
                title: "Hodeidah port takes delivery of 25,000-tonne Russian wheat cargo",
                lead: """
                    A cargo of 25,000 tonnes of wheat from Russia is being discharged at Hodeidah after the Volga Star \
                    docked there overnight, port officials in the Houthi-controlled city said. Port records show it is \
                    the third grain shipment from Russia this year.
                    """),
        ])

    // MARK: Vostok Daily (Russian, RSS 2.0)

    static let vostokDaily = DemoFeed(
        name: "Vostok Daily", path: "/vostok-daily/rss.xml", site: "https://vostok-daily.example",
        format: .rss, language: "ru",
        items: [
            DemoItem(
                slug: "politics/nebenzia-yemen-security-council", poll: 1, hoursAgo: 7, expected: .alert,
                title: "Небензя призвал Совбез ООН не допустить новой эскалации вокруг Йемена",
                lead: """
                    Постоянный представитель России при ООН Василий Небензя на заседании Совета Безопасности призвал \
                    все стороны к сдержанности в Красном море и предупредил, что новые удары по хуситам лишь \
                    затруднят мирный процесс.
                    """),
            DemoItem(
                slug: "city/moscow-snow-trucks", poll: 1, hoursAgo: 6, expected: .offTopic,
                title: "В Москве из-за снегопада ограничили движение грузовиков",
                lead: """
                    Столичные власти ввели временные ограничения для большегрузного транспорта на въезде в город. \
                    Коммунальные службы работают в усиленном режиме.
                    """),
            // The wheat ship again, first reported in Russian: news to a Russian-reading monitor.
            DemoItem(
                slug: "economy/wheat-hodeidah", poll: 2, hoursAgo: 2, expected: .alert,
                title: "Российская пшеница доставлена в йеменский порт Ходейда",
                lead: """
                    Сухогруз «Волга Стар» доставил в порт Ходейда 25 тысяч тонн российской пшеницы, сообщила портовая \
                    администрация. Это уже третья партия российского зерна, прибывшая в Йемен с начала года.
                    """),
        ])
}

/// One feed of the sample, as an outlet would publish it.
struct DemoFeed: Sendable {
    enum Format: String, Sendable {
        case rss = "RSS 2.0"
        case atom = "Atom 1.0"
    }

    var name: String
    /// Where the demo's server publishes it.
    var path: String
    /// The outlet's (fictional) site, which item links start with.
    var site: String
    var format: Format
    var language: String
    var items: [DemoItem]

    /// The items published by the time of poll `poll` (1 or 2).
    func items(upTo poll: Int) -> [DemoItem] { items.filter { $0.poll <= poll } }
}

/// One story of the sample.
struct DemoItem: Sendable {
    /// What the shipped config and seeds make of an item.
    enum Verdict: Sendable {
        case alert
        case duplicateOfAlert
        case duplicateOfSeed
        case offTopic
    }

    /// The path of its link under the outlet's site, also its guid.
    var slug: String
    /// The poll that first sees it.
    var poll: Int
    /// Its publication time, counted back from the start of the demo.
    var hoursAgo: Int
    var expected: Verdict
    /// Its language when not the feed's.
    var language: String?
    var title: String
    var lead: String

    init(slug: String, poll: Int, hoursAgo: Int, expected: Verdict, language: String? = nil, title: String, lead: String) {
        self.slug = slug
        self.poll = poll
        self.hoursAgo = hoursAgo
        self.expected = expected
        self.language = language
        self.title = title
        self.lead = lead
    }

    /// The story as `feedwatch match` reads it: the title, a blank line, the lead.
    var plainText: String { title + "\n\n" + lead + "\n" }
}
