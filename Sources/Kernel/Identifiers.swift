/// The database identifier of a role.
public typealias RoleID = Int64

/// The database identifier of a staff user.
public typealias UserID = Int64
