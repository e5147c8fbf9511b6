import Foundation

/// A vertical column chart as inline SVG (e.g. payments per month): value above, label under each column,
/// light horizontal grid lines with axis values on the left.
///
/// ```swift
/// ColumnChart(title: "月度到账金额", items: months.map { ChartItem(label: $0.label, value: $0.amount) }).render()
/// ```
public struct ColumnChart: Sendable {
    /// The chart title (caption, `aria-label` and `<title>`).
    public var title: String
    /// The columns, left to right.
    public var items: [ChartItem]
    /// The SVG width in pixels; it scales down with its container.
    public var width: Int
    /// The SVG height in pixels.
    public var height: Int
    /// Shown instead of the chart when there are no items.
    public var emptyText: String

    /// Creates a column chart.
    /// - Parameters:
    ///   - title: The chart title.
    ///   - items: The columns.
    ///   - width: The SVG width; 480 by default.
    ///   - height: The SVG height; 240 by default.
    ///   - emptyText: Text for an empty chart.
    public init(title: String, items: [ChartItem], width: Int = 480, height: Int = 240,
                emptyText: String = UIStrings.zhCN.noRows) {
        self.title = title
        self.items = items
        self.width = width
        self.height = height
        self.emptyText = emptyText
    }

    /// Renders `<figure class="chart column-chart">` with the SVG.
    public func render() -> HTML {
        guard !items.isEmpty else {
            return ChartStyle.figure("column-chart", title: title, content: "<p class=\"chart-empty muted\">\(escapeHTML(emptyText))</p>")
        }
        let fontSize = 11.0
        let w = Double(max(200, width)), h = Double(max(120, height))
        let (axisMax, step) = Self.niceScale(items.map { max(0, $0.value) }.max() ?? 0)
        let axisLabelWidth = ChartStyle.textWidth(UIFormat.grouped(axisMax), fontSize: fontSize)
        let left = axisLabelWidth + 10, right = 6.0, top = 18.0
        let plotWidth = w - left - right
        let slot = plotWidth / Double(items.count)
        let longestLabel = items.map { ChartStyle.textWidth($0.label, fontSize: fontSize) }.max() ?? 0
        let rotate = longestLabel > slot - 4
        let bottom = rotate ? min(h * 0.4, longestLabel * 0.7 + 14) : 22
        let plotHeight = h - top - bottom
        let baseline = top + plotHeight

        var svg = ChartStyle.svgOpen(title: title, items: items, width: w, height: h)
        var tick = 0
        while tick <= axisMax {
            let y = baseline - Double(tick) / Double(axisMax) * plotHeight
            svg += "<line x1=\"\(ChartStyle.num(left))\" y1=\"\(ChartStyle.num(y))\" x2=\"\(ChartStyle.num(w - right))\" y2=\"\(ChartStyle.num(y))\""
                + " stroke=\"\(tick == 0 ? ChartStyle.muted : ChartStyle.grid)\" stroke-width=\"1\"/>"
            svg += ChartStyle.text(UIFormat.grouped(tick), x: left - 4, y: y, anchor: "end", size: fontSize,
                                   fill: ChartStyle.muted, extra: " dy=\"0.35em\"")
            tick += step
        }
        let barWidth = min(48, slot * 0.6)
        for (index, item) in items.enumerated() {
            let centerX = left + slot * (Double(index) + 0.5)
            let barHeight = Double(max(0, item.value)) / Double(axisMax) * plotHeight
            let valueLabel = UIFormat.grouped(item.value)
            svg += "<g class=\"column\"><title>\(escapeHTML(item.label + ": " + valueLabel))</title>"
            svg += "<rect x=\"\(ChartStyle.num(centerX - barWidth / 2))\" y=\"\(ChartStyle.num(baseline - barHeight))\""
                + " width=\"\(ChartStyle.num(barWidth))\" height=\"\(ChartStyle.num(barHeight))\" fill=\"\(ChartStyle.color(item, 0))\"/>"
            if ChartStyle.textWidth(valueLabel, fontSize: fontSize) <= slot + 4 {
                svg += ChartStyle.text(valueLabel, x: centerX, y: baseline - barHeight - 4, anchor: "middle",
                                       size: fontSize, fill: ChartStyle.ink)
            }
            if rotate {
                let y = baseline + 12
                svg += ChartStyle.text(ChartStyle.fit(item.label, width: bottom * 1.3, fontSize: fontSize),
                                       x: centerX, y: y, anchor: "end", size: fontSize, fill: ChartStyle.muted,
                                       extra: " transform=\"rotate(-40 \(ChartStyle.num(centerX)) \(ChartStyle.num(y)))\"")
            } else {
                svg += ChartStyle.text(item.label, x: centerX, y: baseline + 15, anchor: "middle",
                                       size: fontSize, fill: ChartStyle.muted)
            }
            svg += "</g>"
        }
        svg += "</svg>"
        return ChartStyle.figure("column-chart", title: title, content: svg)
    }

    /// A rounded axis maximum and grid step (1, 2 or 5 × 10ⁿ) giving about four grid lines.
    static func niceScale(_ maxValue: Int) -> (max: Int, step: Int) {
        guard maxValue > 0 else { return (4, 1) }
        let rough = Double(maxValue) / 4
        let magnitude = pow(10, floor(log10(rough)))
        let normalized = rough / magnitude
        let factor: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
        let step = max(1, Int(factor * magnitude))
        let top = ((maxValue + step - 1) / step) * step
        return (top, step)
    }
}
