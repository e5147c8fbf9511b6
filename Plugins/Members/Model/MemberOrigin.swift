import Foundation

/// Where a member entered through the staff form came from when another module sent the user to the form
/// (a consultation converted into a member): the hidden field `origin_ref` = `<source>:<id>[:<proof>]`.
///
/// The member keeps `<source>:<id>` in `origin_ref` and `<source>` as its source; `member.created` carries the reference
/// and the proof, so the originating module can link its record back after checking the proof it issued.
struct MemberOrigin: Sendable, Equatable {
    /// Sources another module may set through the form; anything else is ignored (the member is a plain staff entry).
    static let sources: Set<String> = ["consultation"]

    let source: String
    /// `<source>:<id>`, as stored on the member.
    let ref: String
    /// The originating module's proof that the user was sent by it ("" when none).
    let proof: String

    /// Parses a posted `origin_ref`; nil when absent, malformed or from an unknown source.
    init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), Self.sources.contains(parts[0]), let id = Int64(parts[1]), id > 0 else { return nil }
        let proof = parts.count == 3 ? parts[2] : ""
        guard proof.count <= 64, proof.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        source = parts[0]
        ref = "\(parts[0]):\(id)"
        self.proof = proof
    }
}
