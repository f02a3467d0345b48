import CLibXML2

#if canImport(Glibc)
import Glibc
#endif

/// The attributes of one SAX2 start-element event, as libxml2 hands them over: `count`
/// (localname, prefix, URI, value start, value end) quintuples. Valid only during the event.
struct SAXAttributes {
    let count: Int
    let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The decoded value of the attribute with local name `name`, in `namespace` if one is given,
    /// else in any namespace.
    func value(_ name: String, namespace: String? = nil) -> String? {
        guard let pointer, count > 0 else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let local = pointer[base], let start = pointer[base + 3], let end = pointer[base + 4] else { continue }
            if let namespace {
                guard let uri = pointer[base + 2], strcmp(uri, namespace) == 0 else { continue }
            }
            if strcmp(local, name) == 0 { return AttributeValue.text(start, end) }
        }
        return nil
    }

    subscript(_ name: String) -> String? { value(name) }

    /// The raw bytes of the attribute with local name `name` (references left as libxml2 left
    /// them), for values compared rather than kept: no String is made.
    func rawValue(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer, count > 0 else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let local = pointer[base], let start = pointer[base + 3], let end = pointer[base + 4] else { continue }
            if strcmp(local, name.utf8Start) == 0 { return UnsafeBufferPointer(start: start, count: end - start) }
        }
        return nil
    }

    /// Each attribute's local name, prefix, namespace and raw value bytes (references left as
    /// libxml2 left them).
    func forEachQualified(_ body: (_ local: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?,
                                   _ uri: UnsafePointer<xmlChar>?, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        guard let pointer, count > 0 else { return }
        for index in 0..<count {
            let base = index * 5
            guard let local = pointer[base], let start = pointer[base + 3], let end = pointer[base + 4] else { continue }
            body(local, pointer[base + 1], pointer[base + 2], UnsafeBufferPointer(start: start, count: end - start))
        }
    }
}

/// The namespace declarations of one SAX2 start-element event: `count` (prefix, URI) pairs.
struct SAXNamespaces {
    let count: Int
    let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    func forEach(_ body: (_ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>) -> Void) {
        guard let pointer, count > 0 else { return }
        for index in 0..<count {
            if let uri = pointer[index * 2 + 1] { body(pointer[index * 2], uri) }
        }
    }

    /// Whether `uri` is declared here (as the default namespace or for a prefix).
    func declares(_ uri: String) -> Bool {
        var found = false
        forEach { _, declared in if strcmp(declared, uri) == 0 { found = true } }
        return found
    }
}
