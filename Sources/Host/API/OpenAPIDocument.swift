import Foundation
import PluginAPI

/// The OpenAPI 3.1 document of the JSON API: every `/api/` route of every enabled module, from the `APIDoc` each
/// states, served at `/api/openapi.json` to logged-in staff.
///
/// Every operation takes a bearer API token (or the session cookie with `X-CSRF-Token` on writes) and answers its errors
/// alike: 400 bad body or token, 401 not logged in, 403 no grant, 404 unknown or invisible record, 409 conflict,
/// 422 invalid fields, each with `APIDoc.errorBody`.
enum OpenAPIDocument {
    struct Document: Encodable {
        let openapi = "3.1.0"
        let info: Info
        let paths: [String: [String: Operation]]
        let components: Components
        let security: [[String: [String]]] = [["bearer": []], ["session": []]]
    }
    struct Info: Encodable { let title: String; let version: String; let description: String }
    struct Components: Encodable {
        let securitySchemes: [String: Scheme] = [
            "bearer": Scheme(type: "http", scheme: "bearer", in: nil, name: nil, description: "an API token from the profile page"),
            "session": Scheme(type: "apiKey", scheme: nil, in: "cookie", name: "__Host-yl_sid",
                              description: "the session cookie (yl_sid when secure_cookies is off); writes also need X-CSRF-Token"),
        ]
    }
    struct Scheme: Encodable { let type: String; let scheme: String?; let `in`: String?; let name: String?; let description: String }
    struct Operation: Encodable {
        let operationId: String
        let summary: String
        let tags: [String]
        let parameters: [Parameter]
        let requestBody: Body?
        let responses: [String: Answer]
    }
    struct Parameter: Encodable { let name: String; let `in`: String; let required: Bool; let description: String; let schema: JSONSchema }
    struct Body: Encodable { let required = true; let content: [String: Media] }
    struct Media: Encodable { let schema: JSONSchema }
    struct Answer: Encodable { let description: String; let content: [String: Media]? }

    /// The error statuses every operation may answer, with what they mean.
    static let errors = [
        400: "bad JSON body or missing CSRF token", 401: "not logged in", 403: "no grant for this action",
        404: "no such record, or not visible to the caller", 409: "conflicts with the record's state", 422: "invalid fields",
    ]

    /// The OpenAPI path of a route (`/api/members/:id` → `/api/members/{id}`) and its path parameters.
    static func path(module: String, _ route: String) -> (path: String, parameters: [String]) {
        var parameters: [String] = []
        let segments = route.split(separator: "/").map { segment -> String in
            guard segment.hasPrefix(":") else { return String(segment) }
            parameters.append(String(segment.dropFirst()))
            return "{\(segment.dropFirst())}"
        }
        return ("/api/\(module)" + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/")), parameters)
    }

    /// The document of `routes` (only `.api` ones are read), as JSON.
    static func json(routes: [(module: any Module, spec: RouteSpec)]) throws -> Data {
        var paths: [String: [String: Operation]] = [:]
        for (module, spec) in routes where spec.mount == .api {
            guard let doc = spec.doc else { continue }
            let (path, names) = Self.path(module: module.id, spec.path)
            let parameters = names.map {
                Parameter(name: $0, in: "path", required: true, description: $0 == "id" ? "record id" : $0,
                          schema: $0 == "id" ? .integer(minimum: 1) : .string(minLength: 1))
            } + doc.query.map { Parameter(name: $0.name, in: "query", required: $0.required, description: $0.description, schema: $0.schema) }
            var responses = [String(doc.status): Answer(description: "success", content: ["application/json": Media(schema: doc.response)])]
            for (status, meaning) in errors {
                responses[String(status)] = Answer(description: meaning, content: ["application/json": Media(schema: APIDoc.errorBody)])
            }
            let method = spec.method.rawValue.lowercased()
            let operation = Operation(
                operationId: "\(module.id).\(method)\(path.dropFirst("/api/\(module.id)".count).replacingOccurrences(of: "/", with: "."))",
                summary: doc.summary, tags: [module.id], parameters: parameters,
                requestBody: doc.body.map { Body(content: ["application/json": Media(schema: $0)]) }, responses: responses)
            paths[path, default: [:]][method] = operation
        }
        let document = Document(
            info: Info(title: "Yuelao", version: "1",
                       description: "The JSON API of the enabled modules: the same permissions, visibility and validation as the pages."),
            paths: paths, components: Components())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}
