import PluginAPI
import SQLKit

/// Creates, changes and deletes records of a declarative table: validated first (nothing is written when a rule fails),
/// then written with its audit entry in one transaction.
struct RecordWriter: Sendable {
    let req: ModuleRequest
    let context: TableContext
    let timeZone: String

    /// A write that happened, or the message per field that stopped it.
    enum Outcome: Sendable {
        case success(Record)
        case failure([String: String])
    }

    private var store: RecordStore { RecordStore(context: context) }
    private var table: TableDefinition { context.table }

    func create(_ input: RecordInput) async throws -> Outcome {
        let checked = try await RecordValidator(req: req, context: context, timeZone: timeZone).check(input, existing: nil)
        guard checked.errors.isEmpty else { return .failure(checked.errors) }
        let store = self.store, table = self.table, module = context.module, creator = req.user?.id
        do {
            let record = try await req.transaction { tx in
                let id = try await store.insert(checked.values, owner: checked.owner, createdBy: creator, db: tx.db)
                guard let record = try await store.find(id, db: tx.db) else { throw ModuleError.notFound }
                try await tx.audit(AuditEntry(module: module, action: "\(table.id).create", target: "\(table.id):\(id)",
                                              after: record.auditText(table)))
                return record
            }
            return .success(record)
        } catch let error where !(error is ModuleError) {
            // Two submissions raced past the unique check: the index refused the second one; say so like the check would.
            let again = try await RecordValidator(req: req, context: context, timeZone: timeZone).check(input, existing: nil)
            if !again.errors.isEmpty { return .failure(again.errors) }
            throw error
        }
    }

    func update(_ existing: Record, _ input: RecordInput) async throws -> Outcome {
        let checked = try await RecordValidator(req: req, context: context, timeZone: timeZone).check(input, existing: existing)
        guard checked.errors.isEmpty else { return .failure(checked.errors) }
        let store = self.store, table = self.table, module = context.module
        do {
            let record = try await req.transaction { tx in
                try await store.update(existing.id, checked.values, owner: checked.owner, db: tx.db)
                guard let record = try await store.find(existing.id, db: tx.db) else { throw ModuleError.notFound }
                try await tx.audit(AuditEntry(module: module, action: "\(table.id).update", target: "\(table.id):\(existing.id)",
                                              before: existing.auditText(table), after: record.auditText(table)))
                return record
            }
            return .success(record)
        } catch let error where !(error is ModuleError) {
            let again = try await RecordValidator(req: req, context: context, timeZone: timeZone).check(input, existing: existing)
            if !again.errors.isEmpty { return .failure(again.errors) }
            throw error
        }
    }

    func delete(_ record: Record) async throws {
        let store = self.store, table = self.table, module = context.module
        try await req.transaction { tx in
            try await store.delete(record.id, db: tx.db)
            try await tx.audit(AuditEntry(module: module, action: "\(table.id).delete", target: "\(table.id):\(record.id)",
                                          before: record.auditText(table)))
        }
    }
}
