/// The Chinese zodiac (生肖, by Gregorian birth year) and the Western constellation (星座, by month and day) of a birthday,
/// as the codes of the `zodiac` and `constellation` dictionary lists.
enum Zodiac {
    static let animals = ["rat", "ox", "tiger", "rabbit", "dragon", "snake", "horse", "goat", "monkey", "rooster", "dog", "pig"]

    /// Constellations with their first and last `MM-dd`; capricorn wraps the new year.
    static let signs: [(code: String, from: String, to: String)] = [
        ("aries", "03-21", "04-19"), ("taurus", "04-20", "05-20"), ("gemini", "05-21", "06-21"), ("cancer", "06-22", "07-22"),
        ("leo", "07-23", "08-22"), ("virgo", "08-23", "09-22"), ("libra", "09-23", "10-23"), ("scorpio", "10-24", "11-22"),
        ("sagittarius", "11-23", "12-21"), ("capricorn", "12-22", "01-19"), ("aquarius", "01-20", "02-18"), ("pisces", "02-19", "03-20"),
    ]

    /// `year % 12` of the years of `animal` (2020 was a year of the rat).
    static func yearRemainder(_ animal: String) -> Int? { animals.firstIndex(of: animal).map { ($0 + 4) % 12 } }

    /// The zodiac animal of `birthday` (`yyyy-MM-dd`).
    static func animal(_ birthday: String) -> String? {
        guard birthday.count == 10, let year = Int(birthday.prefix(4)) else { return nil }
        return animals[((year - 4) % 12 + 12) % 12]
    }

    /// The constellation of `birthday` (`yyyy-MM-dd`).
    static func sign(_ birthday: String) -> String? {
        guard birthday.count == 10 else { return nil }
        let md = String(birthday.suffix(5))
        return signs.first { $0.from <= $0.to ? (md >= $0.from && md <= $0.to) : (md >= $0.from || md <= $0.to) }?.code
    }
}
