import Foundation

/// A donut chart as inline SVG with a legend listing label, count and percentage of every slice.
///
/// A zero total draws an empty grey ring; a single non-zero item draws a full ring.
///
/// ```swift
/// PieChart(title: "男女会员比例", items: [
///     ChartItem(label: "男", value: 307, color: "#3b82f6"),
///     ChartItem(label: "女", value: 166, color: "#ec4899"),
/// ]).render()
/// ```
public struct PieChart: Sendable {
    /// The chart title (caption, `aria-label` and `<title>`).
    public var title: String
    /// The slices, clockwise from 12 o'clock.
    public var items: [ChartItem]
    /// The diameter of the donut in pixels.
    public var size: Int

    /// Creates a donut chart.
    /// - Parameters:
    ///   - title: The chart title.
    ///   - items: The slices.
    ///   - size: The donut's diameter; 160 by default.
    public init(title: String, items: [ChartItem], size: Int = 160) {
        self.title = title
        self.items = items
        self.size = size
    }

    /// Renders `<figure class="chart pie-chart">` with the SVG and a `<ul class="chart-legend">`.
    public func render() -> HTML {
        let d = Double(max(80, size))
        let center = d / 2
        let thickness = d * 0.18
        let radius = center - thickness / 2 - 1
        let circumference = 2 * Double.pi * radius
        let total = items.reduce(0) { $0 + max(0, $1.value) }

        var svg = ChartStyle.svgOpen(title: title, items: items, width: d, height: d, total: total)
        let ring = "cx=\"\(ChartStyle.num(center))\" cy=\"\(ChartStyle.num(center))\" r=\"\(ChartStyle.num(radius))\" fill=\"none\" stroke-width=\"\(ChartStyle.num(thickness))\""
        svg += "<circle \(ring) stroke=\"\(ChartStyle.track)\"/>"
        if total > 0 {
            svg += "<g transform=\"rotate(-90 \(ChartStyle.num(center)) \(ChartStyle.num(center)))\">"
            var start = 0.0
            for (index, item) in items.enumerated() where item.value > 0 {
                let length = Double(item.value) / Double(total) * circumference
                let tip = "\(item.label): \(UIFormat.grouped(item.value)) (\(UIFormat.percent(item.value, of: total)))"
                if item.value == total {
                    svg += "<circle \(ring) stroke=\"\(ChartStyle.color(item, index))\"><title>\(escapeHTML(tip))</title></circle>"
                } else {
                    svg += "<circle \(ring) stroke=\"\(ChartStyle.color(item, index))\""
                        + " stroke-dasharray=\"\(ChartStyle.num(length)) \(ChartStyle.num(circumference - length))\""
                        + " stroke-dashoffset=\"\(ChartStyle.num(-start))\"><title>\(escapeHTML(tip))</title></circle>"
                }
                start += length
            }
            svg += "</g>"
        }
        svg += ChartStyle.text(UIFormat.grouped(total), x: center, y: center, anchor: "middle",
                               size: d * 0.13, extra: " dy=\"0.35em\" font-weight=\"600\"")
        svg += "</svg>"

        var legend = "<ul class=\"chart-legend\">"
        for (index, item) in items.enumerated() {
            legend += "<li><svg class=\"swatch\" width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" rx=\"2\" fill=\"\(ChartStyle.color(item, index))\"/></svg>"
                + (item.href.map { "<a class=\"legend-label\" href=\"\(escapeAttr(UIMarkup.safeURL($0)))\">\(escapeHTML(item.label))</a>" }
                    ?? "<span class=\"legend-label\">\(escapeHTML(item.label))</span>")
                + " <span class=\"legend-value\">\(escapeHTML(UIFormat.grouped(item.value)))</span>"
                + " <span class=\"legend-pct\">\(escapeHTML(UIFormat.percent(max(0, item.value), of: total)))</span></li>"
        }
        legend += "</ul>"
        return ChartStyle.figure("pie-chart", title: title, content: "<div class=\"pie-body\">\(svg)\(legend)</div>")
    }
}
