import Foundation

extension HTML {
    /// Plain text an administrator or a user typed, shown as paragraphs: every character escaped (markup in the text
    /// appears as text, never runs), blank lines separate `<p>` paragraphs, single line breaks become `<br>`.
    ///
    /// ```swift
    /// HTML.paragraphs("我们是专业的婚恋机构。\n成立于 2010 年。\n\n<b>欢迎</b>来访")
    /// // <p>我们是专业的婚恋机构。<br>成立于 2010 年。</p><p>&lt;b&gt;欢迎&lt;/b&gt;来访</p>
    /// ```
    /// - Parameter text: Any text; `\r\n` and `\r` count as line breaks.
    public static func paragraphs(_ text: String) -> HTML {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var paragraphs: [[String]] = [[]]
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(String(line))
            }
        }
        let html = paragraphs.filter { !$0.isEmpty }
            .map { "<p>" + $0.map(escapeHTML).joined(separator: "<br>") + "</p>" }
            .joined()
        return HTML(raw: html)
    }
}
