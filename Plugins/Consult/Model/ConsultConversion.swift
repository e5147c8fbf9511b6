import Foundation
import Members
import PluginAPI
import SQLKit

/// 转为会员: a consultation becomes a member through Members' own entry form, pre-filled, and learns the new member's id
/// from `member.created`; or it is linked to the member that already has its mobile.
///
/// "Convert" (a POST, judged by the kernel: `edit` on the consultation and `add` on members) stores a one-time token on the
/// consultation and sends the user to Members' form with `origin_ref = consultation:<id>:<token>`. Members creates the
/// member with source `consultation` and publishes `member.created` with the reference and the token; the subscriber
/// below links the consultation in the same transaction, only when the token matches — so nobody can attach a member to
/// a consultation they were not allowed to convert.
struct ConsultConversion: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.post("/:id/convert", .requires("consultation", "edit"), convert)
        try routes.post("/:id/link", .requires("consultation", "edit"), link)
    }

    @Sendable func convert(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "edit")
        try req.access.forModule("members").require("member", "add")
        if c.member_id != nil { return .redirect("\(req.base)/\(c.id)", flash: .info(req.t("flash.alreadyLinked"))) }
        let token = (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined()
        try await req.db.update("consult_consultation").set("convert_token", to: token).where("id", .equal, c.id).run()
        let url = MemberDirectory.entryFormURL(prefill: [("real_name", c.contact_name), ("mobile", c.mobile)],
                                               origin: "consultation:\(c.id):\(token)", returnTo: "\(req.base)/\(c.id)")
        return .redirect(url)
    }

    /// Links the consultation to the member that has its mobile, when the user may see that member.
    @Sendable func link(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "edit")
        guard c.member_id == nil, case .visible(let member) = try await MemberDirectory.findByMobile(req, c.mobile) else {
            throw ModuleError.conflict(req.t("flash.nothingToLink"))
        }
        try await req.transaction { tx in
            try await tx.db.update("consult_consultation").set("member_id", to: member.id)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970)).where("id", .equal, c.id).run()
            try await tx.audit(AuditEntry(module: "consult", action: "consultation.link", target: "consultation:\(c.id)", after: "member:\(member.id)"))
        }
        return .redirect("\(req.base)/\(c.id)", flash: .success(req.t("flash.linked")))
    }

    /// `member.created` with `origin_ref = consultation:<id>` and the matching token: the consultation now points at the member.
    static func memberCreated(_ event: Event, _ tx: Transaction) async throws {
        guard let ref = event.payload["origin_ref"], ref.hasPrefix("consultation:"),
              let id = Int64(ref.dropFirst("consultation:".count)), let memberID = event.payload["member_id"].flatMap(Int64.init),
              let proof = event.payload["origin_proof"], !proof.isEmpty else { return }
        let pending = try await tx.db.select().column("id").from("consult_consultation").where("id", .equal, id)
            .where("convert_token", .equal, proof).where(SQLColumn("member_id"), .is, SQLLiteral.null).first()
        guard pending != nil else { return }
        try await tx.db.update("consult_consultation").set("member_id", to: memberID).set("convert_token", to: "")
            .set("updated_at", to: Int64(Date().timeIntervalSince1970)).where("id", .equal, id).run()
        try await tx.audit(AuditEntry(module: "consult", action: "consultation.convert", target: "consultation:\(id)", after: "member:\(memberID)"))
    }
}
