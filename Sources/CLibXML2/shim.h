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

static void fw_xml_ignore_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// libxml2 prints some errors (encoding and I/O) through its process-wide generic handler, straight
/// to stderr; feedwatch reads every error it acts on through the structured handler of each
/// parse, so the generic printer is silenced once at start-up. (A C variadic function pointer
/// cannot be written in Swift.)
static inline void fw_xml_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, fw_xml_ignore_generic_error); }

/// The run-time library's version as libxml2 spells it ("20914" for 2.9.14); a macro over a
/// per-thread global in threaded builds, so Swift cannot read it directly.
static inline const char *fw_xml_parser_version(void) { return xmlParserVersion; }

/// The SAX2 magic, which is a macro Swift cannot see as a typed constant.
static inline unsigned int fw_xml_sax2_magic(void) { return XML_SAX2_MAGIC; }

#endif
