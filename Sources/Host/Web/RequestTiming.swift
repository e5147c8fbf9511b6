import Hummingbird

/// The status and duration of one request, for the middlewares that log and count requests.
enum RequestTiming {
    /// Runs `answer`, then calls `done` with the status of what it answered (a thrown HTTP error's status, 500 for any
    /// other error) and the time it took; returns or rethrows what `answer` did.
    static func measure(_ answer: () async throws -> Response, done: (_ status: Int, _ elapsed: Duration) -> Void) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer { done(status, ContinuousClock.now - start) }
        do {
            let response = try await answer()
            status = response.status.code
            return response
        } catch let error as HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}
