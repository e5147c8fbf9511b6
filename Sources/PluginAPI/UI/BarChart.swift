import Foundation

/// A horizontal bar chart as inline SVG: label left, bar, value (and optional percentage) right.
///
/// ```swift
/// BarChart(title: "会员地区分布", items: regions.map { ChartItem(label: $0.name, value: $0.count) },
///          showPercentages: true).render()
/// ```
public struct BarChart: Sendable {
    /// The chart title (caption, `aria-label` and `<title>`).
    public var title: String
    /// The bars, top to bottom.
    public var items: [ChartItem]
    /// The SVG width in pixels; it scales down with its container.
    public var width: Int
    /// Whether to add each bar's share of the total after its value.
    public var showPercentages: Bool
    /// Shown instead of the chart when there are no items.
    public var emptyText: String

    /// Creates a bar chart.
    /// - Parameters:
    ///   - title: The chart title.
    ///   - items: The bars.
    ///   - width: The SVG width; 480 by default.
    ///   - showPercentages: Whether to show shares of the total; false by default.
    ///   - emptyText: Text for an empty chart.
    public init(title: String, items: [ChartItem], width: Int = 480, showPercentages: Bool = false,
                emptyText: String = UIStrings.zhCN.noRows) {
        self.title = title
        self.items = items
        self.width = width
        self.showPercentages = showPercentages
        self.emptyText = emptyText
    }

    /// Renders `<figure class="chart bar-chart">` with the SVG.
    public func render() -> HTML {
        guard !items.isEmpty else {
            return ChartStyle.figure("bar-chart", title: title, content: "<p class=\"chart-empty muted\">\(escapeHTML(emptyText))</p>")
        }
        let fontSize = 12.0, rowHeight = 26.0, barHeight = 16.0, pad = 6.0
        let w = Double(max(200, width))
        let total = items.reduce(0) { $0 + max(0, $1.value) }
        let maxValue = max(1, items.map { max(0, $0.value) }.max() ?? 0)
        let valueTexts = items.map { valueText($0, total: total) }
        let valueWidth = (valueTexts.map { ChartStyle.textWidth($0, fontSize: fontSize) }.max() ?? 0) + 10
        let longestLabel = items.map { ChartStyle.textWidth($0.label, fontSize: fontSize) }.max() ?? 0
        let labelWidth = min(w * 0.35, max(40, longestLabel + 10))
        let barArea = max(20, w - labelWidth - valueWidth - pad)
        let height = Double(items.count) * rowHeight + pad * 2

        var svg = ChartStyle.svgOpen(title: title, items: items, width: w, height: height, total: showPercentages ? total : nil)
        for (index, item) in items.enumerated() {
            let top = pad + Double(index) * rowHeight
            let middle = top + rowHeight / 2
            let length = Double(max(0, item.value)) / Double(maxValue) * barArea
            svg += "<g class=\"bar\">"
            svg += "<title>\(escapeHTML(item.label + ": " + valueTexts[index]))</title>"
            svg += ChartStyle.text(ChartStyle.fit(item.label, width: labelWidth - 8, fontSize: fontSize),
                                   x: labelWidth - 6, y: middle, anchor: "end", size: fontSize, extra: " dy=\"0.35em\"")
            svg += "<rect x=\"\(ChartStyle.num(labelWidth))\" y=\"\(ChartStyle.num(middle - barHeight / 2))\""
                + " width=\"\(ChartStyle.num(max(length, item.value > 0 ? 1 : 0)))\" height=\"\(ChartStyle.num(barHeight))\""
                + " rx=\"2\" fill=\"\(ChartStyle.color(item, index))\"/>"
            svg += ChartStyle.text(valueTexts[index], x: labelWidth + length + 4, y: middle, size: fontSize,
                                   fill: ChartStyle.muted, extra: " dy=\"0.35em\"")
            svg += "</g>"
        }
        svg += "</svg>"
        return ChartStyle.figure("bar-chart", title: title, content: svg)
    }

    private func valueText(_ item: ChartItem, total: Int) -> String {
        let value = UIFormat.grouped(item.value)
        return showPercentages ? "\(value) (\(UIFormat.percent(max(0, item.value), of: total)))" : value
    }
}
