import Foundation
import PluginAPI
import SQLKit

/// JSON API under `/api/members` (session or per-staff API token; the same permissions and visibility as the pages).
struct MemberAPI: Sendable {
    static let activityKinds = ["login_reward", "coin_change", "payment", "message_sent", "message_received", "post_published", "profile_viewed"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.api(.get, "/", .requires("member", "view"), doc: MemberAPIDocs.list, list)
        try routes.api(.get, "/regions", .requires("member", "view"), doc: MemberAPIDocs.regions, regions)
        try routes.api(.get, "/:id", .requires("member", "view"), doc: MemberAPIDocs.show, show)
        try routes.api(.post, "/", .requires("member", "add"), doc: MemberAPIDocs.create, create)
        try routes.api(.put, "/:id", .requires("member", "edit"), doc: MemberAPIDocs.update, update)
        try routes.api(.post, "/:id/activity", .requires("member", "edit"), doc: MemberAPIDocs.activity, activity)
    }

    /// A member as the API shows it (contact fields masked without `viewContact`).
    struct Item: Encodable {
        let uid: Int64; let username: String; let gender: String; let age: Int?; let fields: [String: String]; let numbers: [String: Int]
        let owner_id: Int64?; let aftersale_owner_id: Int64?; let signed: Bool; let customer_status: String; let registered_at: Int64

        init(_ m: MemberRecord, req: ModuleRequest, today: String) {
            uid = m.id; username = m.username; gender = m.gender; age = m.age(today: today); numbers = m.numbers
            var f = m.fields.filter { !$0.value.isEmpty }
            if !MemberAccess.showsContact(req, m) {
                for c in MemberFormat.contactColumns where f[c] != nil { f[c] = MemberFormat.mask(f[c] ?? "", kind: c) }
            }
            fields = f; owner_id = m.ownerID; aftersale_owner_id = m.aftersaleOwnerID; signed = m.signed
            customer_status = m.customerStatus; registered_at = m.registeredAt
        }
    }

    func today(_ req: ModuleRequest) async throws -> String {
        MemberFormat.today(timeZone: req.site.timeZone)
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (members, page, _, _) = try await MemberListPages.search(req)
        let day = try await today(req)
        struct Answer: Encodable { let total: Int; let total_capped: Bool; let page: Int; let page_size: Int; let items: [Item] }
        return try .json(Answer(total: page.total, total_capped: page.totalIsCapped, page: page.page, page_size: page.pageSize,
                                items: members.map { Item($0, req: req, today: day) }))
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "view")
        return try .json(Item(member, req: req, today: try await today(req)))
    }

    @Sendable func regions(_ req: ModuleRequest) async throws -> ModuleResponse {
        let parent = req.query["parent"]
        return try .json(try await req.host.regions.children(of: parent.isEmpty ? nil : parent))
    }

    /// Reads a JSON object body into form fields (strings, numbers, booleans, arrays of strings).
    static func body(_ req: ModuleRequest) throws -> FormData {
        guard let object = try? JSONSerialization.jsonObject(with: Data(req.body)) as? [String: Any] else {
            throw ModuleError.badRequest(req.t("api.badJSON"))
        }
        var fields: [String: [String]] = [:]
        for (key, value) in object {
            switch value {
            case let s as String: fields[key] = [s]
            case let n as NSNumber: fields[key] = [n.stringValue]
            case let list as [Any]: fields[key] = list.map { "\($0)" }
            default: continue
            }
        }
        return FormData(fields: fields)
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        let input = try Self.body(req)
        let result = try await MemberFormPages.validator(req).validate(input, exceptID: nil, db: req.db)
        guard result.errors.isEmpty, let user = req.user else { throw ModuleError.validation(result.errors) }
        let pairs = MemberFormPages.bind(result)
        let id = try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            let id = try await tx.db.insert(into: "members_member")
                .columns(pairs.map(\.0) + ["source", "owner_id", "registered_at", "allocated_at", "created_by"])
                .values(pairs.map(\.1) + [SQLBind("api"), SQLBind(user.id), SQLBind(now), SQLBind(now), SQLBind(user.id)])
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.audit(AuditEntry(module: "members", action: "member.create", target: "member:\(id)", after: "api"))
            try await tx.publish(Event("member.created", ["member_id": String(id), "owner_id": String(user.id)]))
            return id
        }
        MemberListPages.invalidateCounts(req)
        guard let member = try await MemberRecord.find(id, db: req.db) else { throw ModuleError.notFound }
        return try .json(Item(member, req: req, today: try await today(req)), status: 201)
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "edit")
        var input = try Self.body(req)
        // A partial body keeps the stored values of the fields it leaves out.
        for (column, value) in member.fields where input.fields[column] == nil {
            input.fields[column] = MemberFields.multi.contains(column) ? value.split(separator: ",").map(String.init) : [value]
        }
        for (column, value) in member.numbers where input.fields[column] == nil { input.fields[column] = [String(value)] }
        if input.fields["username"] == nil { input.fields["username"] = [member.username] }
        if input.fields["gender"] == nil { input.fields["gender"] = [member.gender] }
        if input.fields["customer_status"] == nil { input.fields["customer_status"] = [member.customerStatus] }
        if input.fields["blacklisted"] == nil { input.fields["blacklisted"] = [member.blacklisted ? "1" : "0"] }
        if !MemberAccess.showsContact(req, member) {
            for column in MemberFormat.contactColumns where input[column] == MemberFormat.mask(member[column], kind: column) {
                input.fields[column] = [member[column]]
            }
        }
        let result = try await MemberFormPages.validator(req).validate(input, exceptID: member.id, db: req.db)
        guard result.errors.isEmpty else { throw ModuleError.validation(result.errors) }
        let pairs = MemberFormPages.bind(result)
        try await req.transaction { tx in
            let update = tx.db.update("members_member")
            for (column, value) in pairs { update.set(SQLIdentifier(column), to: value) }
            try await update.where("id", .equal, member.id).run()
            try await tx.audit(AuditEntry(module: "members", action: "member.update", target: "member:\(member.id)", after: "api"))
        }
        MemberListPages.invalidateCounts(req)
        guard let updated = try await MemberRecord.find(member.id, db: req.db) else { throw ModuleError.notFound }
        return try .json(Item(updated, req: req, today: try await today(req)))
    }

    /// `POST /api/members/{uid}/activity` — an event from the agency's dating website, stored for PreSale's analysis.
    @Sendable func activity(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "edit")
        let input = try Self.body(req)
        var v = Validator(language: req.language)
        v.required("kind", input["kind"], label: "kind")
        v.oneOf("kind", input["kind"], Self.activityKinds, label: "kind")
        v.integer("amount", input["amount"], -1_000_000_000...1_000_000_000, label: "amount")
        v.length("detail", input["detail"], 0...1000, label: "detail")
        let at = input["at"].isEmpty ? Int64(Date().timeIntervalSince1970) : Int64(input["at"]) ?? ISO8601DateFormatter().date(from: input["at"]).map { Int64($0.timeIntervalSince1970) }
        if at == nil { v.add("at", req.t("api.badTime")) }
        // profile_viewed names the viewed member's UID in `target` (the browsing analysis reads it).
        let target = Int64(input["target"])
        if input["kind"] == "profile_viewed" && target == nil { v.add("target", req.t("api.target")) }
        guard v.isValid, let at else { throw ModuleError.validation(v.errors) }
        let id = try await req.db.insert(into: "members_activity").columns("member_id", "kind", "amount", "detail", "at", "target_id")
            .values(SQLBind(member.id), SQLBind(input["kind"]), SQLBind(Int64(input["amount"]) ?? 0), SQLBind(input["detail"]), SQLBind(at),
                    SQLBind(target))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        struct Answer: Encodable { let id: Int64; let member: Int64; let kind: String; let at: Int64 }
        return try .json(Answer(id: id, member: member.id, kind: input["kind"], at: at), status: 201)
    }
}
