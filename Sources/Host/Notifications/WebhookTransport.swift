import AsyncHTTPClient
import Foundation
import NIOCore

/// Hands text messages to an SMS provider: an HTTP POST of `{"id", "to", "text", "reference"}` as JSON to the configured
/// URL, with `Authorization: Bearer <token>` when a token is set. Any 2xx answer counts as sent.
///
/// Other answers throw with the status and the start of the body. 400, 404, 410 and 422 say the request itself is wrong
/// and are not retried; everything else (401/403 while a token is being fixed, 429, 5xx, network errors) is.
struct WebhookTransport: OutboxTransport {
    let url: String
    let token: String
    let timeoutSeconds: Int

    init(config: NotificationConfig.SMS) {
        url = config.url
        token = config.token
        timeoutSeconds = config.timeoutSeconds
    }

    /// The JSON body; `id` lets the provider drop a repeated delivery of the same message.
    struct Payload: Encodable {
        let id: Int64
        let to: String
        let text: String
        let reference: String
    }

    static let permanentStatuses: Set<UInt> = [400, 404, 410, 422]

    func send(_ delivery: OutboxDelivery) async throws {
        let message = delivery.message
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "yuelao-outbox")
        if !token.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(Payload(id: delivery.id, to: message.recipient, text: message.body, reference: message.reference))
        request.body = .bytes(ByteBuffer(bytes: Array(json)))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(timeoutSeconds)))
        } catch {
            throw OutboxSendError.transient("SMS webhook \(Self.hostOf(url)): \(error)")
        }
        let body = (try? await response.body.collect(upTo: 1 << 20)).map { String(buffer: $0) } ?? ""
        guard (200..<300).contains(response.status.code) else {
            let text = "SMS webhook answered \(response.status.code) \(response.status.reasonPhrase): \(body.prefix(200))"
            throw Self.permanentStatuses.contains(response.status.code) ? OutboxSendError.permanent(text) : OutboxSendError.transient(text)
        }
    }

    /// `host:port` of the URL, for error texts (the path may carry a key).
    static func hostOf(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "?" }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}
