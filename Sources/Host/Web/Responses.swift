import Foundation
import Hummingbird
import NIOCore

/// Small constructors for the host's HTTP answers.
enum Responses {
    static func html(_ html: String, status: Int = 200) -> Response {
        Response(status: HTTPResponse.Status(code: status),
                 headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func bytes(_ data: Data, contentType: String, status: Int = 200) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: contentType],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", status: Int = 200) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: contentType],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 See Other, so a POST is followed by a GET.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
