import Foundation
import PluginAPI
import SQLKit

/// What a mobile number matches among the members, as far as the user may know.
public enum MemberMobileMatch: Sendable, Equatable {
    /// No member has this mobile.
    case none
    /// A member the user may see.
    case visible(MemberRecord)
    /// A member exists, but the user may not see it: only its existence is told.
    case hidden
}

extension MemberDirectory {
    /// The member whose mobile is `mobile`, judged by Members' `view` permission: `.visible` with the record, `.hidden` when
    /// one exists that the user may not see, `.none` otherwise (also for an empty or malformed number).
    public static func findByMobile(_ req: ModuleRequest, _ mobile: String) async throws -> MemberMobileMatch {
        let number = mobile.trimmingCharacters(in: .whitespaces)
        guard number.range(of: "^1[3-9][0-9]{9}$", options: .regularExpression) != nil,
              let row = try await req.db.select().column("*").from("members_member").where("mobile", .equal, number).first() else { return .none }
        let member = try MemberRecord(row: row)
        return allows(req, member, "view") ? .visible(member) : .hidden
    }

    /// `SELECT id FROM members_member WHERE username = …`: for another module's filter "member username" over its own rows
    /// (the caller judges its rows itself; this reveals no member).
    public static func ids(username: String, db: any SQLDatabase) -> any SQLExpression {
        db.select().column("id").from("members_member").where("username", .equal, username.trimmingCharacters(in: .whitespaces)).select
    }

    /// The URL of Members' entry form pre-filled with `prefill` (form fields such as `real_name`, `mobile`), remembering
    /// `origin` (`<source>:<id>[:<proof>]`, the source must be one Members knows, e.g. `consultation`) and coming back to
    /// `returnTo` (a path of this site) after saving. The new member gets that source, and `member.created` carries
    /// `origin_ref` = `<source>:<id>` and `origin_proof`.
    public static func entryFormURL(prefill: [(String, String)], origin: String? = nil, returnTo: String? = nil) -> String {
        var items = prefill.filter { MemberForm.boundColumns.contains($0.0) && !$0.1.isEmpty }.map { QueryItem($0.0, $0.1) }
        if let origin { items.append(QueryItem("origin_ref", origin)) }
        if let returnTo { items.append(QueryItem("_return", returnTo)) }
        return QueryItem.url("/m/members/new", items)
    }

    /// A contact field (`mobile`, `email`, `wechat`, `qq`, `id_card`) of `member` as this user may see it: in full with
    /// `viewContact` on a visible member, masked otherwise (e.g. candidates of the whole member base in matching).
    public static func contact(_ req: ModuleRequest, _ member: MemberRecord, _ column: String) -> String {
        MemberAccess.showsContact(viewed(req), member) ? member[column] : MemberFormat.mask(member[column], kind: column)
    }

    /// Every column of member `id`, unjudged: for a record of the caller's that is already judged and names this member
    /// (e.g. the other side of an appointment the user may see, to address a notification). Nil when there is no such member.
    public static func record(id: Int64, db: any SQLDatabase) async throws -> MemberRecord? {
        try await MemberRecord.find(id, db: db)
    }
}
