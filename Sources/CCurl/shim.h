// Typed wrappers for libcurl's variadic functions, which Swift cannot import.
#ifndef FEEDWATCH_CCURL_SHIM_H
#define FEEDWATCH_CCURL_SHIM_H

#include <curl/curl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static inline CURLcode fw_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_write(CURL *h, CURLoption o, curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_header(CURL *h, curl_write_callback v) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, v); }
static inline CURLcode fw_easy_setopt_opensocket(CURL *h, curl_opensocket_callback v) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, v); }

static inline CURLcode fw_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode fw_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode fw_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode fw_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

/// Returns the value of the last response's header `name`, or NULL (curl_easy_header, libcurl >= 7.83).
static inline const char *fw_easy_last_header(CURL *h, const char *name) {
    struct curl_header *hdr = NULL;
    if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hdr) != CURLHE_OK || hdr == NULL) return NULL;
    return hdr->value;
}

static inline const char *fw_curl_version(void) { return curl_version_info(CURLVERSION_NOW)->version; }

static inline CURLcode fw_curlmsg_result(const CURLMsg *m) { return m->data.result; }

/// Whether an IPv4 address (as its first two octets) is not public unicast: this-network,
/// private (10/8, 172.16/12, 192.168/16), loopback, link-local, CGNAT (100.64/10), multicast
/// and reserved.
static inline int fw_ipv4_is_nonpublic(unsigned b0, unsigned b1) {
    if (b0 == 0 || b0 == 10 || b0 == 127 || b0 >= 224) return 1;
    if (b0 == 169 && b1 == 254) return 1;
    if (b0 == 172 && (b1 & 0xf0) == 16) return 1;
    if (b0 == 192 && b1 == 168) return 1;
    if (b0 == 100 && (b1 & 0xc0) == 64) return 1;
    return 0;
}

/// Writes the numeric address of a resolved peer into `buf` and returns 1 when it is not a public
/// unicast address (loopback, private, link-local, unique-local, unspecified, multicast, CGNAT,
/// IPv4-mapped forms of those), 0 when it is public, -1 for a family we do not know.
static inline int fw_sockaddr_is_nonpublic(const struct curl_sockaddr *a, char *buf, socklen_t buflen) {
    buf[0] = 0;
    if (a->family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)&a->addr;
        inet_ntop(AF_INET, &in->sin_addr, buf, buflen);
        unsigned long ip = ntohl(in->sin_addr.s_addr);
        return fw_ipv4_is_nonpublic((ip >> 24) & 0xff, (ip >> 16) & 0xff);
    }
    if (a->family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&a->addr;
        const unsigned char *b = in6->sin6_addr.s6_addr;
        inet_ntop(AF_INET6, &in6->sin6_addr, buf, buflen);
        static const unsigned char zero[16] = {0};
        if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1)) return 1; /* :: and ::1 */
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return 1;                   /* fe80::/10 */
        if ((b[0] & 0xfe) == 0xfc) return 1;                                   /* fc00::/7 */
        if (b[0] == 0xff) return 1;                                            /* multicast */
        static const unsigned char mapped[12] = {0,0,0,0,0,0,0,0,0,0,0xff,0xff};
        if (memcmp(b, mapped, 12) == 0) return fw_ipv4_is_nonpublic(b[12], b[13]);
        return 0;
    }
    return -1;
}

/* 1 when `host` is a literal IPv4/IPv6 address (no brackets) that is not public, 0 when it is a
   public literal, -1 when it is not a literal address (a name). */
static inline int fw_literal_is_nonpublic(const char *host) {
    /* curl_sockaddr ends in a 16-byte struct sockaddr; curl passes a larger buffer, and so must
       this, for an IPv6 address to fit. */
    union { struct curl_sockaddr a; unsigned char room[sizeof(struct curl_sockaddr) + sizeof(struct sockaddr_storage)]; } u;
    char buf[64];
    memset(&u, 0, sizeof u);
    struct sockaddr_in *in = (struct sockaddr_in *)&u.a.addr;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&u.a.addr;
    if (inet_pton(AF_INET, host, &in->sin_addr) == 1) { u.a.family = AF_INET; in->sin_family = AF_INET; }
    else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) { u.a.family = AF_INET6; in6->sin6_family = AF_INET6; }
    else return -1;
    return fw_sockaddr_is_nonpublic(&u.a, buf, sizeof buf);
}

#endif
