import Foundation

/// Colours, text measuring and number printing shared by the SVG charts.
enum ChartStyle {
    static let palette = [
        "#2f7ed8", "#f28f43", "#1aadce", "#8bbc21", "#e4566e",
        "#492970", "#77a1e5", "#c42525", "#a6c96a", "#0d233a",
    ]
    static let track = "#e8ecf1"
    static let ink = "#333333"
    static let muted = "#777777"
    static let grid = "#e3e6ea"
    static let font = "font-family=\"PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif\""

    /// The item's own colour when it is a valid hex colour, else the palette colour for its position.
    static func color(_ item: ChartItem, _ index: Int) -> String {
        if let c = item.color, isHexColor(c) { return c }
        return palette[index % palette.count]
    }

    static func isHexColor(_ s: String) -> Bool {
        guard s.first == "#", s.count == 4 || s.count == 7 else { return false }
        return s.dropFirst().allSatisfy(\.isHexDigit)
    }

    /// Approximate rendered width: wide (CJK) characters one em, others 0.6 em.
    static func textWidth(_ s: String, fontSize: Double) -> Double {
        s.unicodeScalars.reduce(0) { sum, scalar in
            sum + (scalar.value > 0x2E80 ? fontSize : fontSize * 0.6)
        }
    }

    /// Shortens text to fit `width`, ending in "…".
    static func fit(_ s: String, width: Double, fontSize: Double) -> String {
        guard textWidth(s, fontSize: fontSize) > width else { return s }
        var out = ""
        for c in s {
            let candidate = out + String(c)
            if textWidth(candidate + "…", fontSize: fontSize) > width { break }
            out = candidate
        }
        return out + "…"
    }

    /// A coordinate with at most two decimals and no trailing zeros.
    static func num(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let hundredths = Int((x * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let a = abs(hundredths)
        let whole = a / 100, frac = a % 100
        if frac == 0 { return sign + String(whole) }
        let fracText = frac % 10 == 0 ? String(frac / 10) : (frac < 10 ? "0" + String(frac) : String(frac))
        return sign + String(whole) + "." + fracText
    }

    /// `<text>` with escaped content.
    static func text(_ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                     fill: String = ink, extra: String = "") -> String {
        "<text x=\"\(num(x))\" y=\"\(num(y))\" text-anchor=\"\(anchor)\" font-size=\"\(num(size))\" fill=\"\(fill)\"\(extra)>\(escapeHTML(s))</text>"
    }

    /// The opening `<svg>` with role, label, title and a description listing every item.
    static func svgOpen(title: String, items: [ChartItem], width: Double, height: Double, total: Int? = nil) -> String {
        let desc = items.map { (item: ChartItem) -> String in
            let pct = total.map { " (" + UIFormat.percent(max(0, item.value), of: $0) + ")" } ?? ""
            return "\(item.label): \(UIFormat.grouped(item.value))\(pct)"
        }.joined(separator: "; ")
        let head: String = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(escapeAttr(title))\""
        let w = num(width), h = num(height)
        let fontAttr: String = Self.font
        let box: String = " viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w + "\" height=\"" + h + "\" " + fontAttr + ">"
        let tail: String = "<title>\(escapeHTML(title))</title><desc>\(escapeHTML(desc))</desc>"
        let open = head + box + tail
        return open
    }

    /// `<figure class="chart …"><figcaption>title</figcaption>` … `</figure>`.
    static func figure(_ cssClass: String, title: String, content: String) -> HTML {
        HTML(raw: "<figure class=\"chart \(cssClass)\"><figcaption>\(escapeHTML(title))</figcaption>\(content)</figure>")
    }
}
