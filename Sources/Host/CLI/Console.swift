import Foundation

/// Unbuffered output for the command line, so progress and one-time credentials appear at once even when piped.
enum Console {
    static func line(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }
}
