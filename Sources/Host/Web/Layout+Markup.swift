import PluginAPI

/// The frame's markup: the staff layout, the public layout and the login page, written straight into one string.
///
/// These were Mustache templates; the member search page spent 7.6 % of its CPU walking the layout's `[String: Any]` context
/// (docs/decisions.md §5). The bytes are those the templates produced: every value escaped as Mustache escaped it
/// (`escapeHTML`: `& < > " '`), the content and toolbar inserted verbatim.
extension Layout {
    struct StaffFrame {
        var lang: String
        var title: String
        var agency: String
        var logo: String
        var tabs: [Link]
        var menu: [Link]
        var quick: (action: String, placeholder: String, q: String)?
        var flashes: [(kind: String, text: String)]
        var content: String
        var toolbar: String
        var csrf: String
        var userName: String
        var roleName: String
        var otherLang: String
        var otherLangLabel: String
        var logout: String
    }

    static func markup(_ f: StaffFrame) -> String {
        var out = ""
        out.reserveCapacity(f.content.utf8.count + f.toolbar.utf8.count + 4_096)
        appendHead(lang: f.lang, title: f.title, agency: f.agency, script: true, to: &out)
        out += "<body class=\"app\">\n<header class=\"topbar\">\n"
        out += "  <a class=\"brand\" href=\"/\">\(brandLogo(f.logo))\(escapeHTML(f.agency))</a>\n  <nav class=\"tabs\">"
        for tab in f.tabs { appendLink(tab, to: &out) }
        out += "</nav>\n  "
        if let quick = f.quick {
            let placeholder = escapeHTML(quick.placeholder)
            out += "<form class=\"quick-search\" role=\"search\" method=\"get\" action=\"\(escapeHTML(quick.action))\">"
            out += "<input type=\"search\" name=\"q\" value=\"\(escapeHTML(quick.q))\" placeholder=\"\(placeholder)\" "
            out += "aria-label=\"\(placeholder)\" maxlength=\"40\"></form>"
        }
        let csrf = "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(f.csrf))\">"
        out += "\n  <div class=\"userbox\">\n    <a href=\"/m/core/profile\">\(escapeHTML(f.userName))</a> "
        out += "<span class=\"muted\">\(escapeHTML(f.roleName))</span>\n"
        out += "    <form method=\"post\" action=\"/language\" class=\"inline-form\">\(csrf)"
        out += "<input type=\"hidden\" name=\"to\" value=\"\(escapeHTML(f.otherLang))\"><button class=\"btn small\" type=\"submit\">"
        out += "\(escapeHTML(f.otherLangLabel))</button></form>\n"
        out += "    <form method=\"post\" action=\"/logout\" class=\"inline-form\">\(csrf)"
        out += "<button class=\"btn small\" type=\"submit\">\(escapeHTML(f.logout))</button></form>\n  </div>\n</header>\n<div class=\"shell\">\n"
        if !f.menu.isEmpty {
            out += "  <nav class=\"sidemenu\">"
            var lastGroup: String?
            for link in f.menu {
                if let group = link.group, group != lastGroup { out += "<h3>\(escapeHTML(group))</h3>" }
                lastGroup = link.group
                appendLink(link, to: &out)
            }
            out += "</nav>\n"
        }
        out += "  <main class=\"content\">\n    <div class=\"toolbar\"><h1>\(escapeHTML(f.title))</h1><div class=\"toolbar-actions\">"
        out += f.toolbar
        out += "</div></div>\n    "
        for flash in f.flashes { out += "<div class=\"flash \(escapeHTML(flash.kind))\" role=\"status\">\(escapeHTML(flash.text))</div>" }
        out += "\n    "
        out += f.content
        out += "\n  </main>\n</div>\n</body>\n</html>\n"
        return out
    }

    struct PublicFrame {
        var lang: String
        var title: String
        var agency: String
        var logo: String
        var hotlineLabel: String
        var hotline: String
        var address: String
        var email: String
        var staffLogin: String
        var content: String
    }

    static func markup(_ f: PublicFrame) -> String {
        var out = ""
        out.reserveCapacity(f.content.utf8.count + 1_024)
        appendHead(lang: f.lang, title: f.title, agency: f.agency, script: true, to: &out)
        out += "<body class=\"public\">\n<header class=\"topbar public-top\">\n"
        out += "  <a class=\"brand\" href=\"/\">\(brandLogo(f.logo))\(escapeHTML(f.agency))</a>\n"
        out += "  <span class=\"hotline\">\(escapeHTML(f.hotlineLabel)): \(escapeHTML(f.hotline))</span>\n</header>\n"
        out += "<main class=\"content public-content\">\n  <h1>\(escapeHTML(f.title))</h1>\n  "
        out += f.content
        out += "\n</main>\n<footer class=\"public-footer muted\">\(escapeHTML(f.agency))"
        if !f.address.isEmpty { out += " · \(escapeHTML(f.address))" }
        if !f.email.isEmpty { out += " · \(escapeHTML(f.email))" }
        out += " · <a href=\"/login\">\(escapeHTML(f.staffLogin))</a></footer>\n</body>\n</html>\n"
        return out
    }

    struct LoginFrame {
        var lang: String
        var agency: String
        var csrf: String
        var next: String
        var error: String?
        var info: String?
        var login: String
        var otherLang: String
        var otherLangLabel: String
        var title: String
        var subtitle: String
        var loginLabel: String
        var passwordLabel: String
        var submit: String
    }

    static func markup(_ f: LoginFrame) -> String {
        var out = ""
        appendHead(lang: f.lang, title: f.title, agency: f.agency, script: false, to: &out)
        out += "<body class=\"login-page\">\n<div class=\"login-card card\">\n  <h1>\(escapeHTML(f.agency))</h1>\n"
        out += "  <p class=\"muted\">\(escapeHTML(f.subtitle))</p>\n  "
        if let error = f.error { out += "<div class=\"flash error\" role=\"alert\">\(escapeHTML(error))</div>" }
        out += "\n  "
        if let info = f.info { out += "<div class=\"flash info\" role=\"status\">\(escapeHTML(info))</div>" }
        out += "\n  <form method=\"post\" action=\"/login\">\n    <input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(f.csrf))\">\n"
        out += "    <input type=\"hidden\" name=\"next\" value=\"\(escapeHTML(f.next))\">\n"
        out += "    <div class=\"field\"><label for=\"login\">\(escapeHTML(f.loginLabel))</label><input id=\"login\" name=\"login\" "
        out += "value=\"\(escapeHTML(f.login))\" autocomplete=\"username\" required maxlength=\"32\" autofocus></div>\n"
        out += "    <div class=\"field\"><label for=\"password\">\(escapeHTML(f.passwordLabel))</label><input id=\"password\" type=\"password\" "
        out += "name=\"password\" autocomplete=\"current-password\" required maxlength=\"64\"></div>\n"
        out += "    <button class=\"btn primary\" type=\"submit\">\(escapeHTML(f.submit))</button>\n  </form>\n"
        out += "  <p class=\"muted\"><a href=\"/login?lang=\(escapeHTML(f.otherLang))\">\(escapeHTML(f.otherLangLabel))</a></p>\n"
        out += "</div>\n</body>\n</html>\n"
        return out
    }

    /// The document's opening up to `</head>`, shared by the three frames (the login page loads no script).
    private static func appendHead(lang: String, title: String, agency: String, script: Bool, to out: inout String) {
        out += "<!DOCTYPE html>\n<html lang=\"\(escapeHTML(lang))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(escapeHTML(title)) · \(escapeHTML(agency))</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
        if script { out += "<script src=\"/static/app.js\" defer></script>\n" }
        out += "</head>\n"
    }

    private static func brandLogo(_ logo: String) -> String {
        logo.isEmpty ? "" : "<img src=\"\(escapeHTML(logo))\" alt=\"\" class=\"brand-logo\">"
    }

    private static func appendLink(_ link: Link, to out: inout String) {
        out += "<a href=\"\(escapeHTML(link.href))\"\(link.active ? " class=\"active\" aria-current=\"page\"" : "")>\(escapeHTML(link.label))</a>"
    }
}
