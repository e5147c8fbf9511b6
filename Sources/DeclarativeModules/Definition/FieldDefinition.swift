import PluginAPI

/// One field of a declarative table, as its YAML states it.
public struct FieldDefinition: Sendable, Equatable {
    /// Column name and form/API name: a lowercase identifier.
    public var id: String
    /// Label in zh-CN and en (forms, table headers, messages).
    public var label: LocalizedText
    /// Type of the value.
    public var type: FieldType
    /// Whether a value must be given (booleans are always given).
    public var required = false
    /// Whether no two records may hold the same value (a unique index plus a friendly message).
    public var unique = false
    /// Length limits of a text value, in characters.
    public var minLength: Int?
    public var maxLength: Int?
    /// Bounds of an integer value.
    public var minimum: Int?
    public var maximum: Int?
    /// Extra format check of a text value.
    public var format: TextFormat?
    /// Whether a text value is entered in a multi-line box.
    public var multiline = false
    /// Options created with the dictionary list when it does not exist yet.
    public var seeds: [DictionarySeed] = []
    /// A hint shown under the form control.
    public var help: LocalizedText?
    /// Line of the field in its file.
    public var line: Int?

    /// Creates a field.
    public init(id: String, label: LocalizedText, type: FieldType) {
        self.id = id
        self.label = label
        self.type = type
    }

    /// The default longest text value when the definition sets none.
    public static let defaultMaxLength = 200

    /// The length range a text value must fall in.
    public var lengthRange: ClosedRange<Int> {
        let upper = maxLength ?? Self.defaultMaxLength
        return min(minLength ?? 1, upper)...upper
    }

    /// The range an integer value must fall in.
    public var integerRange: ClosedRange<Int> {
        let lower = minimum ?? -999_999_999_999
        return lower...max(lower, maximum ?? 999_999_999_999)
    }
}
