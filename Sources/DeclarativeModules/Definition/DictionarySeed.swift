import PluginAPI

/// An option a dictionary field brings for its list: created with the list when the list does not exist yet.
public struct DictionarySeed: Sendable, Equatable {
    public var code: String
    public var label: LocalizedText

    /// Creates a seed option.
    public init(code: String, label: LocalizedText) {
        self.code = code
        self.label = label
    }
}
