import Foundation
import HTTPTypes
import Hummingbird

/// The `server.trusted_proxies` setting: the CIDR blocks of reverse proxies whose `X-Forwarded-For` is believed.
/// Empty (the default) believes no header: the client is the TCP peer.
public struct TrustedProxies: Sendable, Equatable {
    struct Block: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for index in bytes.indices where left > 0 {
                let bits = min(8, left)
                let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if bytes[index] & mask != address[index] & mask { return false }
                left -= bits
            }
            return true
        }
    }

    let blocks: [Block]

    /// No trusted proxy.
    public static let none = TrustedProxies(blocks: [])

    /// Parses `["127.0.0.1/32", "10.0.0.0/8", "::1/128"]`; a bare address is a block of one. Nil names the bad entry.
    public static func parse(_ entries: [String]) -> Result<TrustedProxies, BadEntry> {
        var blocks: [Block] = []
        for entry in entries {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let bytes = Self.bytes(of: first) else { return .failure(BadEntry(entry: entry)) }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...(bytes.count * 8)).contains(prefix) else { return .failure(BadEntry(entry: entry)) }
            blocks.append(Block(bytes: bytes, prefix: prefix))
        }
        return .success(TrustedProxies(blocks: blocks))
    }

    /// An entry of `trusted_proxies` that is no address or CIDR block.
    public struct BadEntry: Error, Equatable {
        public let entry: String
    }

    /// Whether `address` lies in a trusted block.
    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return blocks.contains { $0.contains(bytes) }
    }

    /// The client of a request: the TCP peer, or — when the peer is a trusted proxy — the nearest address in
    /// `X-Forwarded-For` that is not itself a trusted proxy (read from the right, as each proxy appends its peer).
    public func client(peer: String, forwardedFor: [String]) -> String {
        guard !blocks.isEmpty, trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard Self.bytes(of: hop) != nil else { return peer }   // a malformed hop: believe nothing further
            if !trusts(hop) { return hop }
        }
        return hops.first ?? peer
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address.
    static func bytes(of address: String) -> [UInt8]? {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        if inet_pton(AF_INET6, address, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

extension YuelaoHost {
    /// The client address of `request` under `server.trusted_proxies`.
    func clientAddress(_ request: Request, _ context: AppContext) -> String {
        config.trustedProxies.client(peer: context.remoteAddress, forwardedFor: request.headers[values: .xForwardedFor])
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
