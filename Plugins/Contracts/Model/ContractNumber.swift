import PluginAPI
import SQLKit

/// Contract numbers: `HT` + date + a per-day sequence by default; the format is the module setting `number_format`
/// with `{date}` (yyyyMMdd) and `{seq}` (the day's sequence, zero-padded to 4) — e.g. `HT{date}{seq}` → `HT202611230001`.
enum ContractNumber {
    static let defaultFormat = "HT{date}{seq}"

    /// The next number for `date` (yyyy-MM-dd), drawn from a counter row in the caller's transaction.
    static func next(format: String, date: String, tx: Transaction) async throws -> String {
        let day = date.replacingOccurrences(of: "-", with: "")
        let key = "contract." + day
        let value = try await tx.db.insert(into: "contracts_counter").columns("key", "value").values(SQLBind(key), SQLBind(Int64(1)))
            .onConflict(with: ["key"]) { $0.set("value", to: SQLRaw("contracts_counter.value + 1")) }
            .returning("value").first(decodingColumn: "value", as: Int64.self) ?? 1
        let seq = String(value)
        let padded = String(repeating: "0", count: max(0, 4 - seq.count)) + seq
        let pattern = format.contains("{seq}") ? format : format + "{seq}"
        return pattern.replacingOccurrences(of: "{date}", with: day).replacingOccurrences(of: "{seq}", with: padded)
    }
}
