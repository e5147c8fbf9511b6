import Foundation
import Yams

/// Parsing of the `notifications:` block (see `NotificationConfig`), with the same `file:line` errors as the rest.
extension ConfigLoader {
    static let notificationKeys: Set<String> = ["email", "sms", "worker"]
    static let emailKeys: Set<String> = ["transport", "host", "port", "from", "helo", "username", "password", "timeout_seconds"]
    static let smsKeys: Set<String> = ["transport", "url", "token", "timeout_seconds"]
    static let workerKeys: Set<String> = ["interval_seconds", "max_attempts", "batch", "lease_seconds"]

    /// Reads the block; every problem goes to `fail` and leaves the default in place.
    func parseNotifications(_ node: Node, fail: (Node?, String) -> Void) -> NotificationConfig {
        var result = NotificationConfig()
        if node.null != nil { return result }
        guard let mapping = node.mapping else {
            fail(node, "notifications must be a mapping with email, sms and worker")
            return result
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard Self.notificationKeys.contains(key) else {
                fail(keyNode, Self.unknown("notifications.\(key)", Self.notificationKeys))
                continue
            }
            guard let block = value.mapping else {
                if value.null == nil { fail(value, "notifications.\(key) must be a mapping") }
                continue
            }
            withoutActuallyEscaping(fail) { fail in
                let reader = Reader(path: "notifications.\(key)", fail: fail)
                switch key {
                case "email": result.email = parseEmail(block, at: value, reader)
                case "sms": result.sms = parseSMS(block, at: value, reader)
                default: result.worker = parseWorker(block, reader)
                }
            }
        }
        return result
    }

    private func parseEmail(_ block: Node.Mapping, at node: Node, _ reader: Reader) -> NotificationConfig.Email {
        var email = NotificationConfig.Email()
        for (k, v) in block {
            switch k.string ?? "" {
            case "transport": email.transport = reader.choice(v, "transport", default: email.transport)
            case "host": email.host = reader.text(v, "host") ?? email.host
            case "port": email.port = reader.integer(v, "port", 1...65535) ?? email.port
            case "from": email.from = reader.text(v, "from") ?? email.from
            case "helo": email.helo = reader.text(v, "helo") ?? email.helo
            case "username": email.username = reader.text(v, "username") ?? email.username
            case "password": email.password = reader.text(v, "password") ?? email.password
            case "timeout_seconds": email.timeoutSeconds = reader.integer(v, "timeout_seconds", 1...600) ?? email.timeoutSeconds
            default: reader.fail(k, Self.unknown("\(reader.path).\(k.string ?? "?")", Self.emailKeys))
            }
        }
        if email.transport == .smtp {
            if email.host.isEmpty { reader.fail(node, "notifications.email.host must be set for transport smtp") }
            if !email.from.contains("@") { reader.fail(node, "notifications.email.from must be an e-mail address for transport smtp") }
        }
        return email
    }

    private func parseSMS(_ block: Node.Mapping, at node: Node, _ reader: Reader) -> NotificationConfig.SMS {
        var sms = NotificationConfig.SMS()
        for (k, v) in block {
            switch k.string ?? "" {
            case "transport": sms.transport = reader.choice(v, "transport", default: sms.transport)
            case "url": sms.url = reader.text(v, "url") ?? sms.url
            case "token": sms.token = reader.text(v, "token") ?? sms.token
            case "timeout_seconds": sms.timeoutSeconds = reader.integer(v, "timeout_seconds", 1...600) ?? sms.timeoutSeconds
            default: reader.fail(k, Self.unknown("\(reader.path).\(k.string ?? "?")", Self.smsKeys))
            }
        }
        if sms.transport == .webhook {
            let scheme = URL(string: sms.url)?.scheme?.lowercased()
            if scheme != "http" && scheme != "https" {
                reader.fail(node, "notifications.sms.url must be an http:// or https:// URL for transport webhook")
            }
        }
        return sms
    }

    private func parseWorker(_ block: Node.Mapping, _ reader: Reader) -> NotificationConfig.Worker {
        var worker = NotificationConfig.Worker()
        for (k, v) in block {
            switch k.string ?? "" {
            case "interval_seconds": worker.intervalSeconds = reader.integer(v, "interval_seconds", 1...3600) ?? worker.intervalSeconds
            case "max_attempts": worker.maxAttempts = reader.integer(v, "max_attempts", 1...100) ?? worker.maxAttempts
            case "batch": worker.batch = reader.integer(v, "batch", 1...500) ?? worker.batch
            case "lease_seconds": worker.leaseSeconds = reader.integer(v, "lease_seconds", 30...3600) ?? worker.leaseSeconds
            default: reader.fail(k, Self.unknown("\(reader.path).\(k.string ?? "?")", Self.workerKeys))
            }
        }
        return worker
    }

    private static func unknown(_ key: String, _ allowed: Set<String>) -> String {
        "unknown key '\(key)' (allowed: \(allowed.sorted().joined(separator: ", ")))"
    }

    /// Typed reads of one block's values; a wrong type is reported as `notifications.<block>.<key> must be …`.
    private struct Reader {
        let path: String
        let fail: (Node?, String) -> Void

        func text(_ node: Node, _ key: String) -> String? {
            if node.null != nil { return "" }
            guard node.scalar != nil, let value = node.string else {
                fail(node, "\(path).\(key) must be a string")
                return nil
            }
            return value
        }

        func integer(_ node: Node, _ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let value = node.int, range.contains(value) else {
                fail(node, "\(path).\(key) must be an integer \(range.lowerBound)–\(range.upperBound)")
                return nil
            }
            return value
        }

        func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, default value: T) -> T where T.RawValue == String {
            guard let raw = node.string, let chosen = T(rawValue: raw) else {
                fail(node, "\(path).\(key) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                return value
            }
            return chosen
        }
    }
}
