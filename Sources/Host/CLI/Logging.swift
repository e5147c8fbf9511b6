import Logging

/// Structured logs on standard error; `LOG_LEVEL` sets the level (default info).
enum Logging {
    static func makeLogger(label: String = "yuelao") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: ProcessInfoLevel.value) ?? .info
        return logger
    }
}

import Foundation
enum ProcessInfoLevel {
    static var value: String { ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info" }
}
