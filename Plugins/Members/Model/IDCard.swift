/// Mainland resident ID card numbers (GB 11643): 18 characters, checksum, embedded birthday and gender.
public enum IDCard {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCodes: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Whether `number` has 17 digits plus a correct check character (digit or X).
    public static func isValid(_ number: String) -> Bool {
        let chars = Array(number.uppercased())
        guard chars.count == 18, chars.prefix(17).allSatisfy(\.isASCII), chars.prefix(17).allSatisfy(\.isNumber) else { return false }
        return checkCharacter(String(chars.prefix(17))) == chars[17] && birthday(number) != nil
    }

    /// The check character for 17 leading digits.
    public static func checkCharacter(_ first17: String) -> Character? {
        let digits = first17.compactMap(\.wholeNumberValue)
        guard digits.count == 17 else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCodes[sum % 11]
    }

    /// The embedded birthday as yyyy-MM-dd, nil when it is not a real date.
    public static func birthday(_ number: String) -> String? {
        let chars = Array(number)
        guard chars.count == 18, let y = Int(String(chars[6..<10])), let m = Int(String(chars[10..<12])), let d = Int(String(chars[12..<14])),
              (1900...2100).contains(y), (1...12).contains(m) else { return nil }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[m - 1]).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// `male` when the 17th digit is odd, `female` when even.
    public static func gender(_ number: String) -> String? {
        let chars = Array(number)
        guard chars.count == 18, let digit = chars[16].wholeNumberValue else { return nil }
        return digit % 2 == 1 ? "male" : "female"
    }
}

import Foundation
