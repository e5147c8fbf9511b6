import Foundation
import PluginAPI
import SQLKit

/// What each stored file is (`core_upload`), and so who may fetch it at `/uploads/<name>`.
extension UploadStore {
    enum Kind: String, Sendable {
        /// A staff member's avatar: public while they are active and shown on the public site, otherwise for logged-in staff.
        case staffAvatar = "staff_avatar"
        /// An image the public site shows (the agency logo, branding): public.
        case siteImage = "site_image"
        /// A module's private image (a member photo): never served here, only through the module's own checked route.
        case moduleImage = "module_image"

        init(_ audience: ImageAudience) {
            switch audience {
            case .publicSite: self = .siteImage
            case .module: self = .moduleImage
            }
        }
    }

    /// Who `/uploads/<name>` is served to.
    enum Audience: Sendable { case everyone, loggedIn, nobody }

    /// Records what a newly saved file is; call it in the transaction that stores the reference to it.
    func record(_ name: String, kind: Kind, db: any SQLDatabase) async throws {
        try await db.insert(into: "core_upload").columns("name", "kind", "created_at")
            .values(SQLBind(name), SQLBind(kind.rawValue), SQLBind(Clock.now())).run()
    }

    /// Saves an image without its metadata and records its kind; returns the generated name.
    func save(_ bytes: [UInt8], kind: Kind, db: any SQLDatabase) async throws -> String {
        let name = try saveImage(bytes)
        do {
            try await record(name, kind: kind, db: db)
        } catch {
            delete(name)
            throw error
        }
        return name
    }

    /// The recorded kind of a file; files stored before records existed and never claimed count as module images.
    func kind(of name: String, db: any SQLDatabase) async throws -> Kind {
        let stored = try await db.select().column("kind").from("core_upload").where("name", .equal, name)
            .first(decodingColumn: "kind", as: String.self)
        return stored.flatMap(Kind.init(rawValue:)) ?? .moduleImage
    }

    /// Deletes a file and its record when it is of `kind` (so a module cannot delete a staff avatar); call it only after the
    /// transaction that stopped referring to the file has committed. Failures leave an unreferenced file, never a broken reference.
    func discard(_ name: String, kind: Kind, db: any SQLDatabase) async {
        guard Self.isGenerated(name), (try? await self.kind(of: name, db: db)) == kind else { return }
        do {
            try await db.delete(from: "core_upload").where("name", .equal, name).run()
            delete(name)
        } catch {}
    }

    /// Who may fetch `name`: site images everyone; a staff avatar everyone while its owner is active and shown on the
    /// public site, logged-in staff otherwise; a module image nobody (its module serves it after its own check).
    func audience(of name: String, db: any SQLDatabase) async throws -> Audience {
        switch try await kind(of: name, db: db) {
        case .siteImage:
            return .everyone
        case .moduleImage:
            return .nobody
        case .staffAvatar:
            struct Owner: Decodable { let status: String; let show_public: Int }
            guard let owner = try await db.select().columns("status", "show_public").from("core_user").where("avatar", .equal, name)
                .first(decoding: Owner.self) else { return .nobody }
            return owner.status == "active" && owner.show_public == 1 ? .everyone : .loggedIn
        }
    }
}
