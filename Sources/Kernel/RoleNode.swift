/// One role in the role tree: its place (parent, sort order) and display name.
public struct RoleNode: Sendable, Equatable {
    /// The role's identifier.
    public let id: RoleID
    /// The parent role, or `nil` for a root.
    public let parentID: RoleID?
    /// Position among siblings; lower comes first.
    public let sortOrder: Int
    /// The display name.
    public let name: String

    /// Creates a role node.
    public init(id: RoleID, parentID: RoleID?, sortOrder: Int = 0, name: String) {
        self.id = id
        self.parentID = parentID
        self.sortOrder = sortOrder
        self.name = name
    }
}
