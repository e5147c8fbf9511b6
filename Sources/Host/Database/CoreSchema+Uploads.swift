import PluginAPI
import SQLKit

extension CoreSchema {
    /// Version 6: what each stored upload is (`UploadStore.Kind`), which decides who may fetch it at `/uploads/…`.
    /// Files already stored are recorded from what refers to them: staff avatars from `core_user`, site images from `core_setting`;
    /// anything else (member photos) stays unrecorded, which `/uploads/` serves to nobody.
    static let uploadsMigration = Migration(version: 6, name: "upload records") { db in
        try await db.create(table: "core_upload")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("kind", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        struct Avatar: Decodable { let avatar: String }
        struct Setting: Decodable { let value: String }
        let avatars = try await db.select().column("avatar").from("core_user").where("avatar", .notEqual, "").all(decoding: Avatar.self)
        let settings = try await db.select().column("value").from("core_setting").where("value", .like, "/uploads/%").all(decoding: Setting.self)
        let found = avatars.map { ($0.avatar, UploadStore.Kind.staffAvatar) }
            + settings.compactMap { UploadStore.name(fromPath: $0.value).map { ($0, UploadStore.Kind.siteImage) } }
        var seen = Set<String>()
        for (name, kind) in found where UploadStore.isGenerated(name) {
            guard seen.insert(name).inserted else { continue }
            try await db.insert(into: "core_upload").columns("name", "kind", "created_at")
                .values(SQLBind(name), SQLBind(kind.rawValue), SQLBind(Clock.now())).run()
        }
    }
}
