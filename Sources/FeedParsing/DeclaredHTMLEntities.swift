import CLibXML2

/// The entity declarations we hand libxml2 when it meets an HTML name it does not know
/// (`&eacute;`), made on demand, once per name per document, and freed with the parse.
///
/// They are predefined-entity declarations, which libxml2 expands as plain text; nothing a
/// document declares is ever registered, so its DTD entities never expand.
final class DeclaredHTMLEntities {
    private var entities: [String: xmlEntityPtr] = [:]

    /// The declaration for `name`, or nil when HTML has no such name.
    func entity(named name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let known = entities[key] { return known }
        guard let text = HTMLEntities.text(named: key) else { return nil }
        let entity = xmlEntityPtr.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        entity.pointee.name = UnsafePointer(Self.duplicate(key))
        entity.pointee.content = Self.duplicate(text)
        entity.pointee.length = Int32(text.utf8.count)
        entities[key] = entity
        return entity
    }

    private static func duplicate(_ text: String) -> UnsafeMutablePointer<xmlChar> {
        let count = text.utf8.count
        let copy = UnsafeMutablePointer<xmlChar>.allocate(capacity: count + 1)
        for (index, byte) in text.utf8.enumerated() { copy[index] = byte }
        copy[count] = 0
        return copy
    }

    deinit {
        for entity in entities.values {
            if let name = entity.pointee.name { UnsafeMutablePointer(mutating: name).deallocate() }
            entity.pointee.content?.deallocate()
            entity.deallocate()
        }
    }
}
