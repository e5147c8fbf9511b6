import ArgumentParser
import PluginAPI

struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admin", abstract: "Create an administrator or reset a password.",
                                                    subcommands: [Create.self, ResetPassword.self])

    struct Create: AsyncParsableCommand, HostCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a system administrator.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Login name.") var login: String = "admin"
        @Option(help: "Password (6–16 characters; generated when omitted).") var password: String?

        func run() async throws { throw ValidationError("run through the yuelao executable") }

        func run(modules: [any Module]) async throws {
            let yuelao = try options.makeHost(modules)
            try await yuelao.migrate()
            let created = try await Bootstrap(host: yuelao).createAdministrator(login: login, password: password)
            Console.line("Administrator created — login: \(created.login)  password: \(created.password)")
            await yuelao.shutdown()
        }
    }

    struct ResetPassword: AsyncParsableCommand, HostCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Set a new password for a staff account and end its sessions.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Login name.") var login: String
        @Option(help: "New password (6–16 characters; generated when omitted).") var password: String?

        func run() async throws { throw ValidationError("run through the yuelao executable") }

        func run(modules: [any Module]) async throws {
            let yuelao = try options.makeHost(modules)
            try await yuelao.migrate()
            let newPassword = try await Bootstrap(host: yuelao).resetPassword(login: login, password: password)
            Console.line("Password of \(login) reset to: \(newPassword)")
            await yuelao.shutdown()
        }
    }
}
