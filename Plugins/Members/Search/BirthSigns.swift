import Foundation
import SQLKit

/// 生肖 and 星座 of a birthday (`yyyy-MM-dd`), as codes of the `zodiac` and `constellation` dictionary lists, and as search
/// conditions on the stored birthday: the Chinese zodiac by the Gregorian year of birth (as the agency's forms count it),
/// the star sign by month and day. The member search and AfterSale's partner matching both use these.
public enum BirthSigns {
    /// Zodiac codes in cycle order; 1900 was a year of the rat.
    public static let zodiac = ["rat", "ox", "tiger", "rabbit", "dragon", "snake", "horse", "goat", "monkey", "rooster", "dog", "pig"]
    /// Star signs with their first and last month-day (`MM-dd`); capricorn runs over the new year.
    public static let constellations: [(code: String, from: String, to: String)] = [
        ("aries", "03-21", "04-19"), ("taurus", "04-20", "05-20"), ("gemini", "05-21", "06-21"), ("cancer", "06-22", "07-22"),
        ("leo", "07-23", "08-22"), ("virgo", "08-23", "09-22"), ("libra", "09-23", "10-23"), ("scorpio", "10-24", "11-22"),
        ("sagittarius", "11-23", "12-21"), ("capricorn", "12-22", "01-19"), ("aquarius", "01-20", "02-18"), ("pisces", "02-19", "03-20"),
    ]

    /// The zodiac code of `birthday`, nil without a full date.
    public static func zodiac(of birthday: String) -> String? {
        guard birthday.count == 10, let year = Int(birthday.prefix(4)) else { return nil }
        return zodiac[((year - 1900) % 12 + 12) % 12]
    }

    /// The star sign code of `birthday`, nil without a full date.
    public static func constellation(of birthday: String) -> String? {
        guard birthday.count == 10 else { return nil }
        let day = String(birthday.suffix(5))
        return constellations.first { $0.from <= $0.to ? (day >= $0.from && day <= $0.to) : (day >= $0.from || day <= $0.to) }?.code
    }

    /// `year % 12` of the birth years of zodiac code `code` (1900 % 12 = 4 was a year of the rat).
    static func yearRemainder(_ code: String) -> Int? { zodiac.firstIndex(of: code).map { ($0 + 4) % 12 } }

    /// Members born in a year of one of `codes` (unknown codes ignored; none known matches nobody).
    public static func zodiacCondition(_ codes: [String]) -> any SQLExpression {
        let remainders = codes.compactMap(yearRemainder).map { SQLLiteral.numeric(String($0)) as any SQLExpression }
        guard !remainders.isEmpty else { return SQLRaw("1 = 0") }
        // CASE keeps the cast away from an empty birthday whatever order the planner evaluates the conditions in.
        return SQLBinaryExpression(SQLRaw("(CASE WHEN birthday <> '' THEN CAST(substr(birthday, 1, 4) AS INTEGER) % 12 END)"), .in,
                                   SQLGroupExpression(SQLList(remainders)))
    }

    /// Members whose birthday falls under one of the star signs `codes` (unknown codes ignored; none known matches nobody).
    public static func constellationCondition(_ codes: [String]) -> any SQLExpression {
        let day = SQLRaw("substr(birthday, 6, 5)")
        let ranges: [any SQLExpression] = constellations.filter { codes.contains($0.code) }.map { sign in
            let from = SQLBinaryExpression(day, .greaterThanOrEqual, SQLBind(sign.from)), to = SQLBinaryExpression(day, .lessThanOrEqual, SQLBind(sign.to))
            return SQLGroupExpression(SQLList([from, to], separator: SQLRaw(sign.from <= sign.to ? " AND " : " OR ")))
        }
        guard !ranges.isEmpty else { return SQLRaw("1 = 0") }
        return SQLList([hasBirthday, SQLGroupExpression(SQLList(ranges, separator: SQLRaw(" OR ")))], separator: SQLRaw(" AND "))
    }

    static let hasBirthday: any SQLExpression = SQLBinaryExpression(SQLColumn("birthday"), .notEqual, SQLBind(""))
}
