import PluginAPI

/// Contract numbers: `HT` + date + a per-day sequence by default; the format is the module setting `number_format`
/// with `{date}` (yyyyMMdd) and `{seq}` (the day's sequence, zero-padded to 4) — e.g. `HT{date}{seq}` → `HT202611230001`.
enum ContractNumber {
    static let defaultFormat = "HT{date}{seq}"

    /// The next number for `date` (yyyy-MM-dd), drawn from `contracts_counter` in the caller's transaction.
    static func next(format: String, date: String, tx: Transaction) async throws -> String {
        try await SequenceNumber.next(pattern: format, date: date, counterTable: "contracts_counter", key: "contract", tx: tx)
    }
}
