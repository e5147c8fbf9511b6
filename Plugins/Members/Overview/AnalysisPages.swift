import Foundation
import PluginAPI

/// The customer analysis outside the overview tab: a print view and a CSV download (audited).
struct AnalysisPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id/analysis/print", .requires("analysis", "view"), print)
        try routes.get("/:id/analysis.csv", .requires("analysis", "export"), csv)
    }

    @Sendable func print(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberDirectory.load(req, id: try req.id())
        let presenter = try await MemberDirectory.presenter(req, members: [member])
        let view = AnalysisView(req: req, member: member, presenter: presenter)
        let head = HTML(raw: "<p class=\"no-print\"><button type=\"button\" class=\"btn primary\" data-print>\(escapeHTML(req.t("action.print")))</button> ")
            + HTML.link(req.t("action.overview"), href: "\(req.base)/\(member.id)?tab=analysis", class: "btn") + HTML(raw: "</p>")
        let who = HTML(raw: "<p>UID \(member.id) · \(escapeHTML(member.username)) · \(escapeHTML(presenter.summary(member))) · \(escapeHTML(presenter.today))</p>")
        return .page(title: "\(req.t("analysis.title")) · \(member.username)", body: head + who + view.figuresHTML(try await view.figures()))
    }

    @Sendable func csv(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberDirectory.load(req, id: try req.id())
        let presenter = try await MemberDirectory.presenter(req, members: [member])
        let csv = try await AnalysisView(req: req, member: member, presenter: presenter).csv()
        try await req.transaction { tx in
            try await tx.audit(AuditEntry(module: req.moduleID, action: "analysis.export", target: "member:\(member.id)"))
        }
        return .file(Data(csv.text.utf8), contentType: CSVText.contentType, filename: "analysis-\(member.id).csv")
    }
}
