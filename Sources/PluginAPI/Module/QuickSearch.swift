/// The search box in the top bar: the first enabled module that declares one, for users holding its permission, gets
/// the query as `q` at `GET /m/<module><path>`.
///
/// ```swift
/// var quickSearch: QuickSearch? {
///     QuickSearch(LocalizedText(zh: "UID / 用户名 / 姓名 / 手机号", en: "UID / username / name / mobile"), path: "/quick", requires: "member")
/// }
/// ```
public struct QuickSearch: Sendable {
    /// The box's placeholder and accessible name.
    public var placeholder: LocalizedText
    /// Path of the GET route, relative to the module's mount point.
    public var path: String
    /// Resource and action required to see the box.
    public var resource: String
    public var action: String

    /// Creates the top-bar search of a module.
    public init(_ placeholder: LocalizedText, path: String, requires resource: String, _ action: String = "view") {
        self.placeholder = placeholder
        self.path = path
        self.resource = resource
        self.action = action
    }
}
