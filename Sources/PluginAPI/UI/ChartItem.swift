import Foundation

/// One labelled value of a chart (a bar, a column or a pie slice).
public struct ChartItem: Sendable, Equatable {
    /// The category label, e.g. `"广东"` or `"2024-03"`.
    public var label: String
    /// The value; negative values are drawn as zero.
    public var value: Int
    /// An optional fill colour as `#rgb` or `#rrggbb`; otherwise the palette is used.
    public var color: String?
    /// A list the item stands for (a pie's legend label links to it), e.g. the member list of that gender.
    public var href: String?

    /// Creates an item.
    /// - Parameters:
    ///   - label: The category label.
    ///   - value: The value.
    ///   - color: A `#rrggbb` fill, e.g. blue for 男 and pink for 女; the palette when nil.
    ///   - href: A local path the legend links the label to; none when nil.
    public init(label: String, value: Int, color: String? = nil, href: String? = nil) {
        self.label = label
        self.value = value
        self.color = color
        self.href = href
    }
}
