import AfterSale
import Consult
import Contracts
import DeclarativeModules
import Finance
import Host
import Members
import PreSale
import Settings

// The compiled-in modules, plus the declarative ones of modules.d/; modules.yaml decides which are on.
await CLI.main(modules: [SettingsModule(), MembersModule(), PreSaleModule(), ContractsModule(), FinanceModule(), ConsultModule(), AfterSaleModule()],
               sources: [DeclarativeModuleSource.modules])
