import Kernel
import Members
import PluginAPI
import Settings

/// Checks a submitted record against its table's rules — required, length, format, type, dictionary option, visible member,
/// active staff, unique — with one message per field in the user's language, and turns the input into stored values.
struct RecordValidator: Sendable {
    let req: ModuleRequest
    let context: TableContext
    let timeZone: String

    struct Outcome: Sendable {
        var values: [String: StoredValue] = [:]
        var errors: [String: String] = [:]
        /// The owner the record gets: the owner field's value, else the creator (or the existing owner on an update).
        var owner: Int64?
    }

    private var table: TableDefinition { context.table }

    func check(_ input: RecordInput, existing: Record?) async throws -> Outcome {
        var outcome = Outcome()
        var v = Validator(language: req.language)
        let staff = try await req.host.activeStaff()
        for field in table.fields {
            let label = req.t(context.fieldKey(field))
            let raw = input.values[field.id] ?? .null
            guard let value = parse(field, raw, json: input.isJSON, label: label, into: &v) else { continue }
            if value.isNull {
                if field.required, field.type != .boolean { v.required(field.id, "", label: label) }
                outcome.values[field.id] = .null
                continue
            }
            if let problem = try await rule(field, value, label: label, existing: existing, staff: staff) {
                v.add(field.id, problem)
                continue
            }
            if field.unique, try await RecordStore(context: context).isTaken(field, value, excluding: existing?.id, db: req.db) {
                v.add(field.id, rule("rule.unique", label, display(value)))
                continue
            }
            outcome.values[field.id] = value
        }
        outcome.errors = v.errors
        if let ownerField = table.ownerField, let chosen = outcome.values[ownerField]?.intValue {
            outcome.owner = chosen
        } else {
            outcome.owner = existing?.ownerID ?? req.user?.id
        }
        return outcome
    }

    private func rule(_ key: String, _ label: String, _ value: String = "") -> String {
        DeclarativeMessages.fill(req.t(key), label: label, value: value)
    }

    private func display(_ value: StoredValue) -> String {
        switch value {
        case .text(let s): s
        case .int(let i): String(i)
        case .null: ""
        }
    }

    /// The stored value of `raw` (`.null` when empty), or nil after recording a type error.
    private func parse(_ field: FieldDefinition, _ raw: JSONScalar, json: Bool, label: String, into v: inout Validator) -> StoredValue? {
        let text: String
        switch raw {
        case .null: return field.type == .boolean ? .int(0) : .null
        case .string(let s): text = s.trimmingCharacters(in: .whitespacesAndNewlines)
        case .int(let i):
            switch field.type {
            case .boolean: return .int(i == 0 ? 0 : 1)
            case .money:   // the API sends fen
                guard i >= 0 else { v.add(field.id, rule("rule.money", label)); return nil }
                return .int(i)
            case .datetime: return .int(i)   // epoch seconds
            default: text = String(i)        // checked like typed text: ranges, ids, codes
            }
        case .bool(let b):
            guard field.type == .boolean else { v.add(field.id, rule("rule.boolean", label)); return nil }
            return .int(b ? 1 : 0)
        case .double:
            v.add(field.id, field.type == .money ? rule("rule.money", label) : DeclarativeMessages.fill(req.t("rule.integer"), label: label))
            return nil
        }
        if field.type == .boolean {
            switch text.lowercased() {
            case "", "0", "false", "no", "off": return .int(0)
            case "1", "true", "yes", "on": return .int(1)
            default: v.add(field.id, rule("rule.boolean", label)); return nil
            }
        }
        guard !text.isEmpty else { return .null }
        switch field.type {
        case .text:
            v.length(field.id, text, field.lengthRange, label: label)
            switch field.format {
            case .mobile: v.mobile(field.id, text, label: label)
            case .email: v.email(field.id, text, label: label)
            case nil: break
            }
            return v.errors[field.id] == nil ? .text(text) : nil
        case .integer:
            v.integer(field.id, text, field.integerRange, label: label)
            return v.errors[field.id] == nil ? Int64(text).map(StoredValue.int) : nil
        case .money:
            guard let fen = UIFormat.fen(fromYuan: text) else { v.add(field.id, rule("rule.money", label)); return nil }
            return .int(fen)
        case .date:
            // Stored as yyyy-MM-dd exactly (2024-1-5 becomes 2024-01-05), so text order is date order in lists and filters.
            guard let day = AgencyTime.dayStart(text, timeZone: timeZone) else { v.add(field.id, rule("rule.date", label)); return nil }
            return .text(AgencyTime.format(day + 43_200, timeZone: timeZone, pattern: "yyyy-MM-dd"))
        case .datetime:
            guard let epoch = AgencyTime.parseLocal(text, timeZone: timeZone) else { v.add(field.id, rule("rule.datetime", label)); return nil }
            return .int(epoch)
        case .dictionary:
            return .text(text)
        case .member, .staff:
            guard let id = Int64(text), id > 0 else {
                v.add(field.id, rule(field.type == .member ? "rule.member" : "rule.staff", label, text))
                return nil
            }
            return .int(id)
        case .boolean:
            return .int(0)
        }
    }

    /// The rule of the field's type that needs the database: a dictionary option, a visible member, an active (and manageable) staff member.
    private func rule(_ field: FieldDefinition, _ value: StoredValue, label: String, existing: Record?,
                      staff: [StaffSummary]) async throws -> String? {
        switch field.type {
        case .dictionary(let list):
            let code = value.textValue ?? ""
            if let existing, existing[field.id] == value { return nil }   // a disabled option stays on the records that have it
            let options = try await DictionaryService.all(list, db: req.db, cache: req.host.cache)
            guard options.contains(where: { $0.code == code }) else {
                var check = Validator(language: req.language)
                check.oneOf(field.id, code, [], label: label)
                return check.errors[field.id]
            }
            return nil
        case .member:
            let id = value.intValue ?? 0
            if let existing, existing[field.id] == value { return nil }
            do {
                _ = try await MemberDirectory.load(req, id: id)
                return nil
            } catch is ModuleError {
                return rule("rule.member", label, String(id))
            }
        case .staff:
            let id = value.intValue ?? 0
            let unchanged = existing.map { $0[field.id] == value } ?? false
            guard unchanged || staff.contains(where: { $0.id == id }) else { return rule("rule.staff", label) }
            if field.id == table.ownerField, !unchanged,
               !req.access.visibility(context.resource, existing == nil ? "add" : "edit").includes(owner: id) {
                return rule("rule.owner", label)
            }
            return nil
        default:
            return nil
        }
    }
}
