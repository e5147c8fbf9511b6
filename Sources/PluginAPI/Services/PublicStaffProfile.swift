/// A staff member as the public site shows them (红娘团队): only staff with "show on the public site" on, and only
/// the contact details they chose to show.
public struct PublicStaffProfile: Sendable, Equatable, Codable {
    /// A contact detail a staff member may show publicly.
    public enum ContactKind: String, Sendable, Equatable, Codable, CaseIterable {
        case mobile, email, qq, wechat
    }

    /// One shown contact detail.
    public struct Contact: Sendable, Equatable, Codable {
        public var kind: ContactKind
        public var value: String

        /// Creates a contact detail.
        public init(kind: ContactKind, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public var id: Int64
    /// The real name (the login when empty).
    public var name: String
    /// The avatar's URL path (`/uploads/…`), "" without one.
    public var avatar: String
    public var motto: String
    public var introduction: String
    public var experience: String
    /// The contact details the staff member chose to show, in ``ContactKind`` order; empty values are left out.
    public var contacts: [Contact]

    /// Creates a profile.
    public init(id: Int64, name: String, avatar: String, motto: String, introduction: String, experience: String, contacts: [Contact]) {
        self.id = id
        self.name = name
        self.avatar = avatar
        self.motto = motto
        self.introduction = introduction
        self.experience = experience
        self.contacts = contacts
    }
}
