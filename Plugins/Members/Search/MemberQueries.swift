import PluginAPI

/// The member search as a public service, for tools and benchmarks: the same query the list page runs.
public enum MemberQueries {
    /// Runs the search of `req.query` (visibility applied): the capped count and one page of member ids.
    public static func searchPage(_ req: ModuleRequest) async throws -> (total: Int, capped: Bool, ids: [Int64]) {
        let (members, page, _, _) = try await MemberListPages.search(req)
        return (page.total, page.totalIsCapped, members.map(\.id))
    }
}
