import Foundation

/// Time as stored: UTC Unix seconds.
enum Clock {
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
