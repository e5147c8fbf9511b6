import Foundation
import PluginAPI
import SQLKit

/// 分配 (manual 4.4 §3, "the same as member allocation"): the shared batch allocation of Members, applied to
/// consultations — all or nothing, each recorded, one audit entry.
struct ConsultAllocationPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.post("/allocate", .requires("consultation", "allocate"), allocate)
    }

    /// The page to show again (the list or the consultation the post came from).
    static func back(_ req: ModuleRequest) -> (list: ConsultListPages.List?, consultation: Int64?) {
        if let id = Int64(req.query["consultation"]), id > 0 { return (nil, id) }
        return (ConsultListPages.List(rawValue: req.query["list"]) ?? .pending, nil)
    }

    @Sendable func allocate(_ req: ModuleRequest) async throws -> ModuleResponse {
        let back = Self.back(req)
        let choice = try await ConsultListPages.allocation.read(req)
        guard let picked = choice.value, let user = req.user else {
            if let id = back.consultation { return try await ConsultDetailPages.render(req, id: id, allocationErrors: choice.errors, status: 422) }
            return try await ConsultListPages.render(req, back.list ?? .pending, errors: choice.errors, status: 422)
        }
        // One query for the batch, then the kernel's decision on each: one invisible consultation refuses the whole batch.
        let found = try await Consultation.find(ids: picked.ids, db: req.db)
        var chosen: [Consultation] = []
        for id in picked.ids {
            guard let consultation = found[id] else { throw ModuleError.notFound }
            try ConsultAccess.require(req, consultation, "allocate")
            chosen.append(consultation)
        }
        let batch = chosen, target = picked.target, remark = picked.remark
        try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            for consultation in batch {
                try await tx.db.update("consult_consultation").set("owner_id", to: target.id).set("updated_at", to: now)
                    .where("id", .equal, consultation.id).run()
                try await tx.db.insert(into: "consult_allocation").columns("consultation_id", "from_owner", "to_owner", "by_user", "at", "remark")
                    .values(SQLBind(consultation.id), SQLBind(consultation.owner_id), SQLBind(target.id), SQLBind(user.id), SQLBind(now), SQLBind(remark))
                    .run()
                try await tx.publish(Event("consultation.allocated", ["consultation_id": String(consultation.id), "to": String(target.id)]))
            }
            try await tx.audit(AuditEntry(module: "consult", action: "consultation.allocate", target: "staff:\(target.id)",
                                          before: batch.map { "\($0.id):\($0.owner_id.map(String.init) ?? "-")" }.joined(separator: ","),
                                          after: "\(batch.count) → \(target.login); \(remark)"))
        }
        let flash = Flash.success(req.t("alloc.done").replacingOccurrences(of: "{n}", with: String(batch.count))
            .replacingOccurrences(of: "{name}", with: target.name))
        if let id = back.consultation { return .redirect("\(req.base)/\(id)", flash: flash) }
        return .redirect(req.base + (back.list ?? .pending).path, flash: flash)
    }
}
