import SQLKit

/// Human-readable numbers with a per-day sequence, such as contract `HT202611230001` or payment `F202611230001`.
///
/// The counter lives in a two-column table of the calling module (`key text primary key, value bigint`); drawing a number
/// is an upsert in the caller's transaction, so concurrent writers never get the same one.
public enum SequenceNumber {
    /// The next number for `date` (`yyyy-MM-dd`): `pattern` with `{date}` → `yyyyMMdd` and `{seq}` → the day's sequence,
    /// zero-padded to `width` (appended when the pattern has no `{seq}`).
    public static func next(pattern: String, date: String, counterTable: String, key: String, width: Int = 4, tx: Transaction) async throws -> String {
        let day = date.replacingOccurrences(of: "-", with: "")
        let value = try await tx.db.insert(into: counterTable).columns("key", "value").values(SQLBind("\(key).\(day)"), SQLBind(Int64(1)))
            .onConflict(with: ["key"]) { $0.set("value", to: SQLRaw("\(counterTable).value + 1")) }
            .returning("value").first(decodingColumn: "value", as: Int64.self) ?? 1
        return format(pattern: pattern, day: day, sequence: value, width: width)
    }

    /// `pattern` filled in (pure; for previews and tests).
    public static func format(pattern: String, day: String, sequence: Int64, width: Int = 4) -> String {
        let seq = String(sequence)
        let padded = String(repeating: "0", count: max(0, width - seq.count)) + seq
        let full = pattern.contains("{seq}") ? pattern : pattern + "{seq}"
        return full.replacingOccurrences(of: "{date}", with: day).replacingOccurrences(of: "{seq}", with: padded)
    }
}
