import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

/// PluginAPI's guards of public forms, through the consultation form that uses both: the single-use arithmetic challenge
/// and the per-address submission limit.
@Suite("public form guards: single-use challenge, atomic submission limit")
struct PublicFormGuardTests {
    // MARK: challenge

    @Test("a challenge answer cannot be used twice: the same nonce and answer posted again is refused, nothing more is stored")
    func challengeUsedOnce() async throws {
        let team = try await ConsultTeam.make()
        try await team.t.test { client in
            var visitor = Browser(client)
            let page = try await visitor.get("/consult")
            let nonce = try #require(Browser.hiddenValue("challenge", in: page.text))
            #expect(try await team.t.count("core_challenge", where: "nonce", nonce) == 1)
            let done = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, mobile: "13900000031"), csrf: false)
            #expect(done.status == .ok, "\(HTMLProbe.fieldErrorIDs(in: done.text))")
            #expect(try await team.t.count("core_challenge", where: "nonce", nonce) == 0)
            let replay = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, mobile: "13900000032"), csrf: false)
            #expect(replay.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("answer", in: replay.text, form: "consult-form") == "计算结果不正确，请重新计算。")
            #expect(try await team.row(mobile: "13900000032") == nil)
            #expect(try await team.t.count("consult_consultation") == 1)
        }
    }

    @Test("a wrong answer spends the challenge: the right answer to the same nonce is refused afterwards")
    func wrongAnswerSpendsChallenge() async throws {
        let team = try await ConsultTeam.make()
        try await team.t.test { client in
            var visitor = Browser(client)
            let page = try await visitor.get("/consult")
            var wrong = try ConsultTeam.form(page.text, mobile: "13900000041")
            wrong["answer"] = String((Int(wrong["answer"] ?? "") ?? 0) + 1)
            #expect(try await visitor.post("/consult", form: wrong, csrf: false).status == .unprocessableContent)
            let right = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, mobile: "13900000041"), csrf: false)
            #expect(right.status == .unprocessableContent)
            #expect(try await team.t.count("consult_consultation") == 0)
        }
    }

    @Test("a challenge expires after its lifetime; an unknown nonce is refused")
    func challengeExpires() async throws {
        let team = try await ConsultTeam.make()
        try await team.t.test { _ in
            let db = team.t.db
            let now: Int64 = 1_800_000_000
            let old = try await ArithmeticChallenge.issue(db: db, now: now - ArithmeticChallenge.lifetime)
            let late = FormData(fields: ["challenge": [old.nonce], "answer": [String(old.a + old.b)]])
            #expect(try await ArithmeticChallenge.isAnswered(form: late, db: db, now: now) == false)
            let fresh = try await ArithmeticChallenge.issue(db: db, now: now - ArithmeticChallenge.lifetime + 1)
            let inTime = FormData(fields: ["challenge": [fresh.nonce], "answer": [" \(fresh.a + fresh.b) "]])
            #expect(try await ArithmeticChallenge.isAnswered(form: inTime, db: db, now: now) == true)
            let unknown = FormData(fields: ["challenge": ["feed-beef"], "answer": ["2"]])
            #expect(try await ArithmeticChallenge.isAnswered(form: unknown, db: db, now: now) == false)
            // Issuing drops what has expired.
            #expect(try await team.t.count("core_challenge", where: "nonce", old.nonce) == 1)
            _ = try await ArithmeticChallenge.issue(db: db, now: now)
            #expect(try await team.t.count("core_challenge", where: "nonce", old.nonce) == 0)
        }
    }

    // MARK: submission limit

    @Test("twenty parallel submissions from one address admit exactly the limit")
    func parallelBurst() async throws {
        let team = try await ConsultTeam.make()
        try await team.t.test { _ in
            let db = team.t.db
            let limit = SubmissionLimit(table: "consult_attempt", perWindow: 5)
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 { group.addTask { try await limit.admit("203.0.113.7", db: db) } }
                var n = 0
                for try await ok in group where ok { n += 1 }
                return n
            }
            #expect(admitted == 5)
            #expect(try await limit.attempts(of: "203.0.113.7", db: db) == 5)
            // Another address is not held back by the first one's burst.
            #expect(try await limit.admit("203.0.113.8", db: db))
        }
    }

    @Test("attempts older than the window no longer count; other addresses' finished windows are dropped")
    func windowSlides() async throws {
        let team = try await ConsultTeam.make()
        try await team.t.test { _ async throws in
            let db = team.t.db
            let limit = SubmissionLimit(table: "consult_attempt", perWindow: 2, window: 3600)
            let start: Int64 = 1_800_000_000
            #expect(try await limit.admit("198.51.100.1", db: db, now: start))
            #expect(try await limit.admit("198.51.100.1", db: db, now: start + 1))
            #expect(try await limit.admit("198.51.100.1", db: db, now: start + 2) == false)
            #expect(try await limit.admit("198.51.100.2", db: db, now: start + 10))
            #expect(try await limit.admit("198.51.100.1", db: db, now: start + 3601))
            #expect(try await limit.attempts(of: "198.51.100.1", db: db, now: start + 3601) == 1)
            #expect(try await limit.admit("198.51.100.1", db: db, now: start + 3602))
            #expect(try await limit.admit("198.51.100.1", db: db, now: start + 3603) == false)
            // The second address's window ended at start + 3610; the next admission of another address drops its row.
            #expect(try await team.t.count("consult_attempt", where: "address", "198.51.100.2") == 1)
            #expect(try await limit.admit("198.51.100.3", db: db, now: start + 3610))
            #expect(try await team.t.count("consult_attempt", where: "address", "198.51.100.2") == 0)
        }
    }
}
