import AfterSale
import Consult
import Contracts
import DeclarativeModules
import Finance
import Host
import Members
import PluginAPI
import PreSale
import Settings

// The compiled-in modules (built in, then those named in Package.swift's `customModules`), plus the declarative ones
// of modules.d/; modules.yaml decides which are on.
let builtIn: [any Module] = [SettingsModule(), MembersModule(), PreSaleModule(), ContractsModule(), FinanceModule(), ConsultModule(), AfterSaleModule()]
await CLI.main(modules: builtIn + CustomModules.all, sources: [DeclarativeModuleSource.modules])
