import CLibXML2

/// The bridge from libxml2 to `FeedBuilder`: a SAX2 handler whose C callbacks forward each event
/// to the builder passed as their context, and the push parser that runs over one document.
extension FeedBuilder {
    func parse(_ bytes: [UInt8], ignoreDeclaredEncoding: Bool = false) {
        var sax = Self.saxHandler()
        let me = Unmanaged.passUnretained(self).toOpaque()
        bytes.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else { return }
                // The first four bytes let libxml2 detect a BOM or UTF-16 before the prolog.
                let head = Int32(min(4, chars.count))
                guard let ctxt = xmlCreatePushParserCtxt(&sax, me, base, head, documentURL) else { return }
                recovery.context = ctxt
                defer {
                    recovery.context = nil
                    // A document with an internal DTD subset leaves its declarations in a
                    // document libxml2 creates on the context (we never expand them); the
                    // context does not own it, so free it here or it leaks (found by fuzzing).
                    if let document = ctxt.pointee.myDoc {
                        xmlFreeDoc(document)
                        ctxt.pointee.myDoc = nil
                    }
                    xmlFreeParserCtxt(ctxt)
                }
                xmlCtxtUseOptions(ctxt, ignoreDeclaredEncoding ? LibXML2.convertedOptions : LibXML2.options)
                _ = xmlParseChunk(ctxt, base + Int(head), Int32(chars.count) - head, 1)
            }
        }
    }

    /// The callbacks; each finds its builder in the context pointer `parse` gave libxml2.
    private static func saxHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = fw_xml_sax2_magic()
        sax.startElementNs = { ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
            guard let ctx, let localname else { return }
            // The builder outlives the parse: no retain/release per event.
            Unmanaged<FeedBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.startElement(ElementName(local: localname, prefix: prefix, uri: uri),
                                SAXNamespaces(count: Int(nbNamespaces), pointer: namespaces),
                                SAXAttributes(count: Int(nbAttributes), pointer: attributes))
            }
        }
        sax.endElementNs = { ctx, localname, prefix, uri in
            guard let ctx, let localname else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.endElement(ElementName(local: localname, prefix: prefix, uri: uri))
            }
        }
        sax.characters = { ctx, chars, length in
            guard let ctx, let chars else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.characters(chars, Int(length)) }
        }
        sax.cdataBlock = sax.characters
        // As libxml2's own SAX2 handler does: whitespace is text like any other, and with the two
        // equal libxml2 skips its "are these blanks ignorable" check on every text node.
        sax.ignorableWhitespace = sax.characters
        sax.getEntity = { ctx, name in
            // Only ever asked for names that are not XML's five: we answer for HTML's named
            // entities (`&nbsp;`, `&laquo;` in feeds written as HTML) and nothing else. No entity
            // declared in the document is registered, so DTD entities never expand.
            guard let ctx, let name else { return nil }
            return Unmanaged<FeedBuilder>.fromOpaque(ctx).takeUnretainedValue().htmlEntities.entity(named: name)
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx).takeUnretainedValue().xmlError(error.pointee)
        }
        return sax
    }
}

/// An element's name as SAX2 reports it, passed on without making a String (most elements are
/// classified by their interned name pointers alone); the pointers are valid during the event only.
struct ElementName {
    var local: UnsafePointer<xmlChar>
    var prefix: UnsafePointer<xmlChar>?
    var uri: UnsafePointer<xmlChar>?
}
