import Foundation

/// A real browser for tests of page behaviour (the scripts in `app.js`): headless Chromium driven over the DevTools
/// protocol by a small Node.js script, against a host served on a real port (`TestHost.test(live: true)`).
///
/// ```swift
/// try await t.test(live: true) { client in
///     let results = try await RealBrowser.run(base: "http://127.0.0.1:\(client.port!)", steps: [
///         .goto("/register"), .type("#f-register-form-username", "taken_name"), .blur("#f-register-form-username"),
///         .waitText("#f-register-form-username-error", contains: "已被使用"),
///     ])
/// }
/// ```
public enum RealBrowser {
    /// One step; `waitText`, `waitCount` and `eval` report what they saw.
    public enum Step: Sendable {
        case goto(String)
        case type(String, String)
        case blur(String)
        case select(String, String)
        case click(String)
        /// Waits (up to 8 s) until the element's text contains `contains`.
        case waitText(String, contains: String)
        /// Waits (up to 8 s) until `selector` matches at least `atLeast` elements.
        case waitCount(String, atLeast: Int)
        /// Evaluates JavaScript and reports its value as a string.
        case eval(String)

        var json: [String: Any] {
            switch self {
            case .goto(let url): return ["op": "goto", "url": url]
            case .type(let s, let text): return ["op": "type", "selector": s, "text": text]
            case .blur(let s): return ["op": "blur", "selector": s]
            case .select(let s, let value): return ["op": "select", "selector": s, "value": value]
            case .click(let s): return ["op": "click", "selector": s]
            case .waitText(let s, let text): return ["op": "waitText", "selector": s, "contains": text]
            case .waitCount(let s, let n): return ["op": "waitCount", "selector": s, "min": n]
            case .eval(let js): return ["op": "eval", "js": js]
            }
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The Chromium executable (`chromium`, `chromium-browser` or `google-chrome` on the PATH), nil when none is installed.
    public static var chromium: String? {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Whether Chromium and Node.js are installed (CI installs Chromium; a machine without it skips browser tests).
    public static var available: Bool {
        chromium != nil && (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/node") }
    }

    /// Runs `steps` in a fresh headless Chromium profile; returns the reports of the steps, in order.
    /// Throws with Chromium's and the script's own words when a step fails.
    public static func run(base: String, steps: [Step]) async throws -> [String] {
        guard let chromium else { throw Failure(description: "no Chromium on this machine (apt-get install -y chromium)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yuelao-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("cdp.js")
        try cdpScript.write(to: script, atomically: true, encoding: .utf8)
        let plan = try JSONSerialization.data(withJSONObject: ["base": base, "chromium": chromium, "profile": dir.appendingPathComponent("profile").path,
                                                              "steps": steps.map(\.json)])
        let planFile = dir.appendingPathComponent("plan.json")
        try plan.write(to: planFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", "--experimental-websocket", "--no-warnings", script.path, planFile.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // One browser at a time (two Chromiums on two cores starve each other and the hosts they drive), and the pipes read
        // on threads of their own: a blocking read on a task would hold one of the two threads of Swift's cooperative pool
        // for the whole run — the live host under test, and every other test, runs on that pool.
        await gate.enter()
        defer { Task { await gate.leave() } }
        try process.run()
        async let reading = Self.readToEnd(out.fileHandleForReading)
        async let readingErrors = Self.readToEnd(err.fileHandleForReading)
        let (output, errors) = await (reading, readingErrors)
        await Self.waitForExit(process)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "browser run failed (\(process.terminationStatus)): \(lines.suffix(3).joined(separator: " | ")) \(String(decoding: errors, as: UTF8.self).suffix(600))")
        }
        return lines
    }

    /// Reads `handle` to its end on a thread of its own, outside the cooperative pool.
    static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
        }
    }

    /// Waits for `process` to exit on a thread of its own.
    static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread { process.waitUntilExit(); continuation.resume() }.start()
        }
    }

    /// Lets one browser run at a time, in the order they asked.
    actor Gate {
        private var busy = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func enter() async {
            guard busy else { busy = true; return }
            await withCheckedContinuation { waiting.append($0) }
        }

        func leave() {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
    }

    static let gate = Gate()

    /// The DevTools driver: starts Chromium, opens one tab, runs the plan's steps, prints one line per step.
    static let cdpScript = #"""
    const fs = require("fs"), { spawn } = require("child_process");
    const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const chrome = spawn(plan.chromium, ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--remote-debugging-port=0", "--user-data-dir=" + plan.profile, "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
    let finished = false;
    function fail(message) { if (finished) return; finished = true; console.log("FAIL " + message); chrome.kill("SIGKILL"); process.exit(1); }
    setTimeout(() => fail("timeout"), 60000);
    let stderr = "";
    chrome.stderr.on("data", (chunk) => {
      stderr += chunk;
      const m = stderr.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m && !chrome.connected) { chrome.connected = true; drive(m[1]).then(() => { finished = true; chrome.kill("SIGKILL"); process.exit(0); }, (e) => fail(e.message || String(e))); }
    });
    chrome.on("exit", (code) => { if (!finished) fail("chromium exited " + code + ": " + stderr.slice(-400)); });
    async function drive(url) {
      const ws = new WebSocket(url);
      await new Promise((ok, ko) => { ws.onopen = ok; ws.onerror = () => ko(new Error("websocket")); });
      let next = 1; const pending = new Map(); const waiters = [];
      ws.onmessage = (e) => {
        const msg = JSON.parse(e.data);
        if (msg.id && pending.has(msg.id)) { const p = pending.get(msg.id); pending.delete(msg.id); msg.error ? p.ko(new Error(JSON.stringify(msg.error))) : p.ok(msg.result); }
        else if (msg.method) { for (const w of waiters.slice()) if (w.method === msg.method) { waiters.splice(waiters.indexOf(w), 1); w.ok(msg.params); } }
      };
      const send = (method, params = {}, sessionId) => new Promise((ok, ko) => { const id = next++; pending.set(id, { ok, ko }); ws.send(JSON.stringify({ id, method, params, sessionId })); });
      const event = (method) => new Promise((ok) => waiters.push({ method, ok }));
      const { targetId } = await send("Target.createTarget", { url: "about:blank" });
      const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
      const s = (method, params) => send(method, params, sessionId);
      await s("Page.enable"); await s("Runtime.enable");
      const evaluate = async (js) => {
        const r = await s("Runtime.evaluate", { expression: js, awaitPromise: true, returnByValue: true });
        if (r.exceptionDetails) throw new Error("script error: " + JSON.stringify(r.exceptionDetails.exception && r.exceptionDetails.exception.description));
        return r.result.value;
      };
      const q = (sel) => "document.querySelector(" + JSON.stringify(sel) + ")";
      const need = async (sel) => { if (!(await evaluate("!!" + q(sel)))) throw new Error("no element " + sel); };
      const poll = async (js, what) => { for (let i = 0; i < 80; i++) { const v = await evaluate(js); if (v) return v; await new Promise((r) => setTimeout(r, 100)); } throw new Error("timed out waiting for " + what); };
      for (const step of plan.steps) {
        switch (step.op) {
          case "goto": { const loaded = event("Page.loadEventFired"); await s("Page.navigate", { url: plan.base + step.url }); await loaded; console.log("goto " + step.url); break; }
          case "type": await need(step.selector); await evaluate("(function(el){el.focus();el.value=" + JSON.stringify(step.text) + ";el.dispatchEvent(new Event('input',{bubbles:true}));})(" + q(step.selector) + ")"); console.log("type " + step.selector); break;
          case "blur": await need(step.selector); await evaluate(q(step.selector) + ".blur()"); console.log("blur " + step.selector); break;
          case "select": await need(step.selector); await evaluate("(function(el){el.value=" + JSON.stringify(step.value) + ";el.dispatchEvent(new Event('change',{bubbles:true}));})(" + q(step.selector) + ")"); console.log("select " + step.selector); break;
          case "click": { await need(step.selector); await evaluate(q(step.selector) + ".click()"); console.log("click " + step.selector); break; }
          case "waitText": { const t = await poll("(function(el){return el && el.textContent.indexOf(" + JSON.stringify(step.contains) + ")>=0 ? el.textContent.trim() : ''})(" + q(step.selector) + ")", step.selector + " ∋ " + step.contains); console.log("text " + t); break; }
          case "waitCount": { const n = await poll("(function(n){return n>=" + step.min + " ? n : 0})(document.querySelectorAll(" + JSON.stringify(step.selector) + ").length)", step.selector + " ×" + step.min); console.log("count " + n); break; }
          case "eval": console.log("eval " + JSON.stringify(await evaluate(step.js))); break;
          default: throw new Error("unknown step " + step.op);
        }
      }
    }
    """#
}
