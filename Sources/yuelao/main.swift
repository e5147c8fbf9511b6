import AfterSale
import Consult
import Contracts
import Finance
import Host
import Members
import PreSale
import Settings

// The compiled-in modules; modules.yaml decides which are on.
await CLI.main(modules: [SettingsModule(), MembersModule(), PreSaleModule(), ContractsModule(), FinanceModule(), ConsultModule(), AfterSaleModule()])
