import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP/1.1 server for tests on 127.0.0.1 and an ephemeral port: it records each request and answers with
/// a chosen status and body (200 "ok" unless told otherwise), closing the connection after each answer.
public final class HTTPSink: Sendable {
    /// One recorded request.
    public struct Request: Sendable, Equatable {
        public let method: String
        public let uri: String
        /// Header values by lower-cased name.
        public let headers: [String: String]
        public let body: String
    }

    struct State {
        var requests: [Request] = []
        var status = 200
        var body = "ok"
    }

    private let state: NIOLockedValueBox<State>
    private let server: any Channel
    /// The port it listens on.
    public let port: Int

    private init(state: NIOLockedValueBox<State>, server: any Channel) {
        self.state = state
        self.server = server
        self.port = server.localAddress?.port ?? 0
    }

    /// Starts a sink on 127.0.0.1 and a free port.
    public static func start() async throws -> HTTPSink {
        let state = NIOLockedValueBox(State())
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(HTTPSinkHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return HTTPSink(state: state, server: server)
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The requests received so far, in order.
    public var requests: [Request] { state.withLockedValue { $0.requests } }

    /// Answers every following request with `status` and `body`.
    public func answer(status: Int, body: String) {
        state.withLockedValue { $0.status = status; $0.body = body }
    }

    /// Stops listening.
    public func stop() async {
        try? await server.close()
    }

    fileprivate static func record(_ request: Request, in state: NIOLockedValueBox<State>) -> (Int, String) {
        state.withLockedValue { value in
            value.requests.append(request)
            return (value.status, value.body)
        }
    }
}

private final class HTTPSinkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let state: NIOLockedValueBox<HTTPSink.State>
    var head: HTTPRequestHead?
    var body = ByteBuffer()

    init(state: NIOLockedValueBox<HTTPSink.State>) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            let headers = Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
            let request = HTTPSink.Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: String(buffer: body))
            let (status, text) = HTTPSink.record(request, in: state)
            var responseHeaders = HTTPHeaders()
            responseHeaders.add(name: "Content-Type", value: "text/plain; charset=utf-8")
            responseHeaders.add(name: "Content-Length", value: String(text.utf8.count))
            responseHeaders.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: responseHeaders))),
                          promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            self.head = nil
        }
    }
}
