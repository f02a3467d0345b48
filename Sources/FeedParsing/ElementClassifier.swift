import CLibXML2

/// Which of our elements an element name is, decided once per (name, namespace) pair of a
/// document and remembered: libxml2 interns names per parser, so the pair of name pointers
/// identifies an element cheaply.
struct ElementClassifier {
    /// The namespaces whose elements are the feed's own vocabulary (nil: no namespace).
    private var coreURIs: Set<String?> = []
    /// A channel or item in Netscape's RSS 0.90 namespace was met: the RDF document is RSS 0.90.
    private(set) var sawRSS090Element = false

    private struct NameKey: Hashable {
        var local: UnsafeRawPointer
        var uri: UnsafeRawPointer?
    }
    private var cache: [NameKey: FeedElement] = [:]
    /// In front of `cache`: a direct-mapped table on the name pointers, so the common case costs
    /// two pointer compares instead of hashing.
    private struct Slot {
        var local: UnsafeRawPointer?
        var uri: UnsafeRawPointer?
        var element: FeedElement
    }
    private var slots = [Slot](repeating: Slot(local: nil, uri: nil, element: .other), count: 64)

    /// The feed's root was found: its vocabulary is `coreURIs`, and what was remembered before
    /// (the names of a wrapping page) no longer holds.
    mutating func start(coreURIs: Set<String?>) {
        self.coreURIs = coreURIs
        cache.removeAll()
        for index in slots.indices { slots[index].local = nil }
    }

    mutating func classify(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) -> FeedElement {
        let key = NameKey(local: UnsafeRawPointer(local), uri: uri.map(UnsafeRawPointer.init))
        // Interned names sit a few bytes apart in libxml2's pool: mix all the pointer bits
        // (Fibonacci hashing) and take the top six, or neighbours share a slot.
        let mixed = (UInt(bitPattern: key.local) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt(bitPattern: key.uri) &* 0xC2B2_AE3D_27D4_EB4F)
        let slotIndex = Int(truncatingIfNeeded: mixed >> 58)
        let slot = slots[slotIndex]
        if slot.local == key.local, slot.uri == key.uri { return slot.element }
        let element = cache[key] ?? decide(local, uri)
        cache[key] = element
        slots[slotIndex] = Slot(local: key.local, uri: key.uri, element: element)
        return element
    }

    private mutating func decide(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) -> FeedElement {
        let name = String(cString: local)
        let uriString = uri.map { String(cString: $0) }
        let element: FeedElement
        if coreURIs.contains(uriString) || (uriString == "" && coreURIs.contains(nil)) {
            element = .core(name)
        } else {
            switch FeedNamespace(uri: uriString) {
            case .atom: element = name == "link" ? .atomLink : .other
            case .dublinCore: element = .dublinCore(name)
            case .content: element = name == "encoded" ? .encoded : .other
            case .rdf: element = name == "RDF" ? .rdf : .other
            case .yandex: element = name == "full-text" ? .fullText : .other
            case .media: element = .media(name)
            case .itunes: element = .itunes(name)
            case .xhtml: element = name == "body" ? .body : .other
            case .rss, .other: element = .other
            }
        }
        if uriString == FeedRoot.netscapeRSS090, element == .channel || element == .item { sawRSS090Element = true }
        return element
    }
}
