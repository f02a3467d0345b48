/// Documents in an EBCDIC code page (IBM037, 500, 875, 1140…), which libxml2 cannot read. They are
/// recognised by `<?xm` in EBCDIC, the way XML's appendix F describes; the declaration is read
/// under IBM037 (its characters are the same in every EBCDIC page), and the document is decoded
/// with the code page it names.
enum EBCDICDocument {
    static func prepare(_ bytes: [UInt8]) -> PreparedDocument? {
        guard bytes.starts(with: [0x4C, 0x6F, 0xA7, 0x94]),
              let head = DocumentEncoding.transcode(Array(bytes.prefix(256)), from: "IBM037") else { return nil }
        let declared = DocumentEncoding.declaredEncoding(head.bytes) ?? "IBM037"
        var warnings: [String] = []
        var converted = DocumentEncoding.transcode(bytes, from: declared)
        if converted == nil {
            warnings.append("unknown declared encoding \(declared) in an EBCDIC document; read as IBM037")
            converted = DocumentEncoding.transcode(bytes, from: "IBM037")
        }
        guard let converted else { return nil }
        if converted.replaced > 0 {
            warnings.append("\(converted.replaced) byte(s) invalid in the declared encoding \(declared) were replaced")
        }
        return PreparedDocument(bytes: converted.bytes, convertedToUTF8: true, warnings: warnings)
    }
}
