import Foundation
import SQLKit

/// 生肖 and 星座 as search conditions on the stored birthday (`yyyy-MM-dd`): the Chinese zodiac by the year of birth
/// (Gregorian year, as the agency's forms count it), the star sign by month and day.
enum BirthSigns {
    /// Zodiac codes in cycle order; 1900 was a year of the rat.
    static let zodiac = ["rat", "ox", "tiger", "rabbit", "dragon", "snake", "horse", "goat", "monkey", "rooster", "dog", "pig"]
    /// Star signs with their first and last month-day (`MM-dd`); capricorn runs over the new year.
    static let constellations: [(code: String, from: String, to: String)] = [
        ("aries", "03-21", "04-19"), ("taurus", "04-20", "05-20"), ("gemini", "05-21", "06-21"), ("cancer", "06-22", "07-22"),
        ("leo", "07-23", "08-22"), ("virgo", "08-23", "09-22"), ("libra", "09-23", "10-23"), ("scorpio", "10-24", "11-22"),
        ("sagittarius", "11-23", "12-21"), ("capricorn", "12-22", "01-19"), ("aquarius", "01-20", "02-18"), ("pisces", "02-19", "03-20"),
    ]

    /// The zodiac code of a birth year.
    static func zodiac(year: Int) -> String { zodiac[((year - 1900) % 12 + 12) % 12] }

    /// Members born in a year of `code`, between 1900 and `lastYear`; nil for an unknown code.
    static func zodiacCondition(_ code: String, lastYear: Int) -> (any SQLExpression)? {
        guard let index = zodiac.firstIndex(of: code), lastYear >= 1900 else { return nil }
        let years = stride(from: 1900 + index, through: lastYear, by: 12).map { SQLBind(String($0)) as any SQLExpression }
        guard !years.isEmpty else { return nil }
        return SQLBinaryExpression(SQLRaw("substr(birthday, 1, 4)"), .in, SQLGroupExpression(SQLList(years)))
    }

    /// Members whose birthday falls under star sign `code`; nil for an unknown code.
    static func constellationCondition(_ code: String) -> (any SQLExpression)? {
        guard let sign = constellations.first(where: { $0.code == code }) else { return nil }
        let day = MemberFilter.monthDay
        let from = SQLBinaryExpression(day, .greaterThanOrEqual, SQLBind(sign.from)), to = SQLBinaryExpression(day, .lessThanOrEqual, SQLBind(sign.to))
        let joined = sign.from <= sign.to ? SQLList([from, to], separator: SQLRaw(" AND ")) : SQLList([from, to], separator: SQLRaw(" OR "))
        return SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn("birthday"), .notEqual, SQLBind("")), SQLGroupExpression(joined)],
                                          separator: SQLRaw(" AND ")))
    }
}
