import CCurl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One easy handle and the state its callbacks write into. Lives on the batch's thread only.
final class CurlTransfer {
    let index: Int
    let easy: UnsafeMutableRawPointer
    private let request: FetchRequest
    private let maxBody: Int
    private let allowPrivate: Bool
    private var body: [UInt8] = []
    /// Status codes of every response in the chain (redirects first, the final one last).
    private var statuses: [Int] = []
    private var overCap = false
    private var refusedAddress: String?
    /// The proxy every connection of this transfer goes through, or nil for direct connections.
    private let proxy: String?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    private init(index: Int, easy: UnsafeMutableRawPointer, request: FetchRequest, policy: FetchPolicy, proxy: String?) {
        self.index = index
        self.easy = easy
        self.request = request
        self.maxBody = policy.maxBodyBytes
        self.allowPrivate = policy.allowPrivateNetworks
        self.proxy = proxy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    static func make(index: Int, request: FetchRequest, policy: FetchPolicy) -> Result<CurlTransfer, FetchError> {
        let scheme = request.url.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() }
        guard scheme == "http" || scheme == "https" else {
            return .failure(FetchError(kind: .badURL, message: "only http:// and https:// feeds are fetched, not '\(request.url)'"))
        }
        let proxy = ProxySelection.proxy(for: request.url, environment: policy.proxyEnvironment)
        if !policy.allowPrivateNetworks, proxy != nil,
           let host = URLComponents(string: request.url)?.host.map(ProxySelection.hostWithoutBrackets),
           fw_literal_is_nonpublic(host) == 1 || host.lowercased() == "localhost" || host.lowercased().hasSuffix(".localhost") {
            // Through a proxy the address is never seen here; refuse what the URL itself names.
            return .failure(FetchError(kind: .privateAddress, message: "refused: \(host) is a non-public address; use --allow-private-networks (or allow_private_networks: true) to permit it"))
        }
        guard let easy = curl_easy_init() else {
            return .failure(FetchError(kind: .network, message: "libcurl could not create a transfer"))
        }
        let transfer = CurlTransfer(index: index, easy: easy, request: request, policy: policy, proxy: proxy)
        transfer.configure(policy)
        return .success(transfer)
    }

    private func configure(_ policy: FetchPolicy) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = fw_easy_setopt_string(easy, CURLOPT_URL, request.url)
        // Pinned either way, so libcurl does not choose differently from the check in openSocket.
        _ = fw_easy_setopt_string(easy, CURLOPT_PROXY, proxy ?? "")
        if proxy != nil { _ = fw_easy_setopt_string(easy, CURLOPT_NOPROXY, "") }
        _ = fw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = fw_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = fw_easy_setopt_string(easy, CURLOPT_USERAGENT, policy.userAgent)
        _ = fw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = fw_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = fw_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        _ = fw_easy_setopt_long(easy, CURLOPT_MAXREDIRS, policy.maxRedirects)
        _ = fw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT, policy.connectTimeout)
        _ = fw_easy_setopt_long(easy, CURLOPT_TIMEOUT, policy.totalTimeout)
        _ = fw_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, policy.lowSpeedBytesPerSecond)
        _ = fw_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, policy.lowSpeedSeconds)
        _ = fw_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(policy.maxBodyBytes))
        _ = fw_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl decodes
        _ = fw_easy_setopt_write(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receive(data, size * count)
        }
        _ = fw_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        _ = fw_easy_setopt_header(easy) { data, size, count, context in
            guard let context, let data else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.header(data, size * count)
            return size * count
        }
        _ = fw_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        _ = fw_easy_setopt_opensocket(easy) { context, _, address in
            guard let context, let address else { return -1 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.openSocket(address)
        }
        _ = fw_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me)

        var headers = ["Accept: application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"]
        if let etag = request.etag.map(Self.headerSafe), !etag.isEmpty { headers.append("If-None-Match: \(etag)") }
        if let modified = request.lastModified.map(Self.headerSafe), !modified.isEmpty {
            headers.append("If-Modified-Since: \(modified)")
        }
        for header in headers { headerList = curl_slist_append(headerList, header) }
        _ = fw_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
    }

    /// Validators come from servers; never let one smuggle a header line of its own.
    private static func headerSafe(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" })
    }

    /// Records the status of each response of the chain from its status line.
    private func header(_ data: UnsafeMutablePointer<CChar>, _ length: Int) {
        guard length > 12 else { return }
        data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            let line = UnsafeBufferPointer(start: bytes, count: min(length, 32))
            guard line.starts(with: Array("HTTP/".utf8)), let space = line.firstIndex(of: 0x20), space + 3 < line.count else { return }
            var code = 0
            for byte in line[(space + 1)..<(space + 4)] {
                guard byte >= 0x30, byte <= 0x39 else { return }
                code = code * 10 + Int(byte - 0x30)
            }
            if code != 100 { statuses.append(code) }
        }
    }

    private func receive(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let data else { return 0 }
        guard body.count + length <= maxBody else {
            overCap = true
            return 0  // curl aborts the transfer with CURLE_WRITE_ERROR
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    /// Called by curl with each resolved address before it connects: the only point where the
    /// address is known for certain (a name checked earlier could resolve differently now).
    /// Through a proxy the one socket is the proxy's, which the operator configured.
    private func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        var text = [CChar](repeating: 0, count: 64)
        let nonPublic = fw_sockaddr_is_nonpublic(address, &text, socklen_t(text.count))
        if nonPublic != 0 && !allowPrivate && proxy == nil {
            refusedAddress = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return -1
        }
        return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
    }

    func finish(code: CURLcode) -> Result<FetchResponse, FetchError> {
        var status = 0
        _ = fw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var urlPointer: UnsafeMutablePointer<CChar>?
        _ = fw_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &urlPointer)
        let effectiveURL = urlPointer.map { String(cString: $0) } ?? request.url
        guard code == CURLE_OK else { return .failure(error(for: code)) }
        if status >= 400 || status < 200 || (status >= 300 && status != 304) {
            let retryAfter = (status == 429 || status == 503) ? lastHeader("Retry-After").flatMap { Self.retryDate($0) } : nil
            var message = "HTTP \(status) \(Self.reason(status)) from \(effectiveURL)"
            if let retryAfter { message += "; the server asks to wait until \(retryAfter)" }
            return .failure(FetchError(kind: .httpStatus(status), message: message, retryAfter: retryAfter))
        }
        var typePointer: UnsafeMutablePointer<CChar>?
        _ = fw_easy_getinfo_string(easy, CURLINFO_CONTENT_TYPE, &typePointer)
        return .success(FetchResponse(
            status: status,
            body: status == 304 ? [] : body,
            etag: fw_easy_last_header(easy, "ETag").map { String(cString: $0) },
            lastModified: fw_easy_last_header(easy, "Last-Modified").map { String(cString: $0) },
            contentType: typePointer.map { String(cString: $0) },
            effectiveURL: effectiveURL,
            redirects: Array(statuses.dropLast()).filter { (300..<400).contains($0) },
            maxAge: lastHeader("Cache-Control").flatMap(Self.maxAge)))
    }

    private func lastHeader(_ name: String) -> String? {
        fw_easy_last_header(easy, name).map { String(cString: $0) }
    }

    /// `Retry-After`: delay-seconds or an HTTP date.
    /// At most a week ahead in either form: the wait is stored and holds every feed of the host
    /// across restarts, so a server saying "the year 9999" must not silence it for good.
    static func retryDate(_ value: String, now: Date = Date()) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        let latest = now.addingTimeInterval(7 * 86_400)
        if let seconds = Int(trimmed), seconds >= 0 { return now.addingTimeInterval(Double(min(seconds, 7 * 86_400))) }
        return HTTPDate.parse(trimmed).map { min($0, latest) }
    }

    /// `max-age=N` of a Cache-Control value.
    static func maxAge(_ value: String) -> Int? {
        for directive in value.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if parts.count == 2, parts[0] == "max-age", let seconds = Int(parts[1]), seconds >= 0 { return seconds }
        }
        return nil
    }

    private func error(for code: CURLcode) -> FetchError {
        let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        if overCap || code == CURLE_FILESIZE_EXCEEDED {
            return FetchError(kind: .tooLarge, message: "response is larger than the \(maxBody)-byte limit (max_body_bytes); transfer stopped")
        }
        if let refusedAddress {
            return FetchError(kind: .privateAddress, message: "refused: the host resolves to the non-public address \(refusedAddress); use --allow-private-networks (or allow_private_networks: true) to permit it")
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(kind: .timeout, message: "timed out: \(detail)")
        case CURLE_TOO_MANY_REDIRECTS:
            return FetchError(kind: .badRedirect, message: "too many redirects: \(detail)")
        case CURLE_UNSUPPORTED_PROTOCOL:
            return FetchError(kind: .badRedirect, message: "refused a redirect to a non-HTTP(S) URL: \(detail)")
        case CURLE_URL_MALFORMAT:
            return FetchError(kind: .badURL, message: "malformed URL: \(detail)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return FetchError(kind: .hostNotFound, message: "could not resolve the host name: \(detail)")
        case CURLE_COULDNT_CONNECT:
            return FetchError(kind: .network, message: "could not connect: \(detail)")
        default:
            return FetchError(kind: .network, message: detail)
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return status >= 500 ? "server error" : status >= 400 ? "client error" : "unexpected status"
        }
    }

    func close() {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
    }
}
