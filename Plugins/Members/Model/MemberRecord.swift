import Foundation
import PluginAPI
import SQLKit

/// One member row with every column: typed state fields plus the profile fields by name.
public struct MemberRecord: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var gender: String
    /// Text profile fields (dictionary codes or free text) by column name; "" when empty.
    public var fields: [String: String]
    /// Integer profile fields (height, weight, partner ranges) by column name.
    public var numbers: [String: Int]
    public var avatar: String
    public var avatarStatus: String
    public var source: String
    public var ownerID: Int64?
    public var aftersaleOwnerID: Int64?
    public var signed: Bool
    public var customerStatus: String
    public var blacklisted: Bool
    /// The member asked for no messages: every send (single or mass, any channel) leaves them out.
    public var optOut: Bool
    public var registeredAt: Int64
    public var allocatedAt: Int64?
    public var lastContactAt: Int64?
    public var nextContactAt: Int64?

    /// Where staff pages load the photo from: the member's checked route (the stored `/uploads/…` path serves nobody);
    /// the query changes with the photo so a replaced one is not taken from the browser's cache.
    public var avatarURL: String {
        avatar.isEmpty ? "" : "/m/members/\(id)/avatar?v=\((avatar.split(separator: "/").last ?? "").prefix(8))"
    }

    /// The columns a list page reads (a subset, so lists stay cheap).
    static let listColumns = ["id", "username", "gender", "birthday", "height", "marital_status", "education", "province", "city", "district",
                              "avatar", "avatar_status", "owner_id", "aftersale_owner_id", "signed", "customer_status", "registered_at",
                              "allocated_at", "last_contact_at", "next_contact_at", "mobile", "blacklisted", "source", "real_name"]

    /// `listColumns` as one piece of SQL, quoted once (serializing 24 identifiers per query was 2 % of a list page's CPU).
    /// Both dialects quote identifiers with double quotes, and the names are fixed here.
    static let listSelection: any SQLExpression = SQLRaw(listColumns.map { "\"\($0)\"" }.joined(separator: ", "))
    private static let textColumns = Set(MembersSchema.textColumns), intColumns = Set(MembersSchema.intColumns)

    /// Reads a row selected with `*` or with `listColumns`.
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        username = try row.decode(column: "username", as: String.self)
        gender = try row.decode(column: "gender", as: String.self)
        // One pass over the row's own columns (a list row holds 24 of the ~60): asking the row for each profile column
        // would look every one up, present or not.
        var fields: [String: String] = [:], numbers: [String: Int] = [:]
        for column in row.allColumns {
            if Self.textColumns.contains(column) {
                fields[column] = try row.decode(column: column, as: String?.self) ?? ""
            } else if Self.intColumns.contains(column), let value = try row.decode(column: column, as: Int?.self) {
                numbers[column] = value
            }
        }
        self.fields = fields
        self.numbers = numbers
        avatar = try row.decode(column: "avatar", as: String.self)
        avatarStatus = try row.decode(column: "avatar_status", as: String.self)
        source = row.contains(column: "source") ? try row.decode(column: "source", as: String.self) : ""
        ownerID = try row.decode(column: "owner_id", as: Int64?.self)
        aftersaleOwnerID = try row.decode(column: "aftersale_owner_id", as: Int64?.self)
        signed = try row.decode(column: "signed", as: Int.self) == 1
        customerStatus = try row.decode(column: "customer_status", as: String.self)
        blacklisted = row.contains(column: "blacklisted") ? try row.decode(column: "blacklisted", as: Int.self) == 1 : false
        optOut = row.contains(column: "opt_out") ? try row.decode(column: "opt_out", as: Int.self) == 1 : false
        registeredAt = try row.decode(column: "registered_at", as: Int64.self)
        allocatedAt = try row.decode(column: "allocated_at", as: Int64?.self)
        lastContactAt = try row.decode(column: "last_contact_at", as: Int64?.self)
        nextContactAt = try row.decode(column: "next_contact_at", as: Int64?.self)
    }

    /// A profile field, "" when empty.
    public subscript(_ column: String) -> String { fields[column] ?? "" }

    /// Age in whole years on `today` (yyyy-MM-dd), nil without a birthday.
    public func age(today: String) -> Int? { MemberFormat.age(birthday: self["birthday"], today: today) }

    /// The owners the kernel judges this record by: pre-sale and after-sale matchmaker.
    var owners: [Int64] { [ownerID, aftersaleOwnerID].compactMap { $0 } }

    /// Loads one member (every column).
    static func find(_ id: Int64, db: any SQLDatabase) async throws -> MemberRecord? {
        try await db.select().column("*").from("members_member").where("id", .equal, id).first().map { try MemberRecord(row: $0) }
    }
}
