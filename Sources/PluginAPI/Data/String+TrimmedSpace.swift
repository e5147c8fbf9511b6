import Foundation

extension String {
    /// The text without surrounding white space and newlines. The common case, nothing to trim, returns without bridging to
    /// `NSString` (this runs for every link of every page and every form value read).
    var trimmedSpace: String {
        let space = CharacterSet.whitespacesAndNewlines
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !space.contains(first), !space.contains(last) { return self }
        return trimmingCharacters(in: space)
    }
}
