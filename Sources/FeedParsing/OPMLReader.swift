import CLibXML2
import Foundation

/// A feed listed in an OPML subscription list.
public struct OPMLFeed: Sendable, Equatable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// Reads the feeds of an OPML file (the export format of feed readers): every `<outline>` with an
/// `xmlUrl`, at any depth, through libxml2 with the same safe options as feeds.
public enum OPMLReader {
    public static func feeds(in bytes: [UInt8]) throws(FeedParseError) -> [OPMLFeed] {
        guard !bytes.isEmpty else { throw .empty }
        LibXML2.initializeOnce()
        let collector = Collector()
        var sax = xmlSAXHandler()
        sax.initialized = fw_xml_sax2_magic()
        sax.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
            guard let ctx, let localname else { return }
            Unmanaged<Collector>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.start(localname, Int(count), attributes) }
        }
        sax.serror = { _, _ in }
        let me = Unmanaged.passUnretained(collector).toOpaque()
        let prepared = DocumentEncoding.prepare(bytes, httpCharset: nil)
        prepared.bytes.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress, chars.count >= 4,
                      let ctxt = xmlCreatePushParserCtxt(&sax, me, base, 4, nil) else { return }
                xmlCtxtUseOptions(ctxt, prepared.convertedToUTF8 ? LibXML2.convertedOptions : LibXML2.options)
                _ = xmlParseChunk(ctxt, base + 4, Int32(chars.count - 4), 1)
                if let document = ctxt.pointee.myDoc { xmlFreeDoc(document) }
                xmlFreeParserCtxt(ctxt)
            }
        }
        guard let root = collector.root else { throw .notXML(detail: "no element") }
        guard root == "opml" else { throw .notAFeed(root: root) }
        return collector.feeds
    }

    private final class Collector {
        var root: String?
        var feeds: [OPMLFeed] = []

        func start(_ local: UnsafePointer<xmlChar>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            if root == nil { root = String(cString: local) }
            guard strcmp(local, "outline") == 0, let attributes else { return }
            var values: [String: String] = [:]
            for index in 0..<count {
                let base = index * 5
                guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                values[String(cString: name)] = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            }
            guard let url = values["xmlUrl"].flatMap(nonEmpty) else { return }
            let title = (values["title"] ?? values["text"]).flatMap(nonEmpty) ?? url
            if !feeds.contains(where: { $0.url == url }) { feeds.append(OPMLFeed(title: HTMLText.plainText(title), url: url)) }
        }
    }
}
