// libxml2 headers for Swift. Debian's libxml2 is built with ICU; its encoding.h would pull in the
// system <unicode/ucnv.h>, which clashes with the ICU module Foundation ships. We never call the ICU
// parts, so hide them before the other headers are read.
#ifndef FEEDWATCH_CLIBXML2_SHIM_H
#define FEEDWATCH_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>

/// The SAX2 magic, which is a macro Swift cannot see as a typed constant.
static inline unsigned int fw_xml_sax2_magic(void) { return XML_SAX2_MAGIC; }

#endif
