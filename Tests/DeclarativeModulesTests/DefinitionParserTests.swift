import DeclarativeModules
import PluginAPI
import Testing

@Suite("declarative modules: definitions")
struct DefinitionParserTests {
    static let file = "modules.d/bad.yaml"

    /// The messages of an invalid definition.
    func problems(_ yaml: String) -> [String] {
        do {
            _ = try DefinitionParser(file: Self.file, reservedIDs: ["members", "settings"]).parse(yaml)
            return []
        } catch let errors as DefinitionErrors {
            return errors.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    /// A small valid module whose only field is `field` (block lines of the field, indented under `fields:`; line 7 onwards).
    func module(field: String, top: String = "", table: String = "") -> String {
        """
        id: bad
        name: { zh: 坏, en: Bad }
        \(top.isEmpty ? "version: 1.0.0" : top)
        tables:
          - id: thing
            label: { zh: 物品, en: Thing }
            fields:
        \(field)
        \(table)
        """
    }

    @Test("a complete definition becomes tables, typed fields, rules, list, filters, owner and menu")
    func complete() throws {
        let definition = try DefinitionParser(file: Self.file).parse("""
        id: clubs
        name: { zh: 俱乐部, en: Clubs }
        version: 2.1.0
        depends_on: [settings, members]
        menu_group: { zh: 活动, en: Events }
        tables:
          - id: club
            label: { zh: 俱乐部, en: Club }
            owner: host
            menu: { label: { zh: 俱乐部列表, en: Clubs }, order: 5 }
            fields:
              - { id: title, label: { zh: 名称, en: Title }, type: text, required: true, unique: true, min_length: 2, max_length: 20 }
              - { id: seats, label: { zh: 名额, en: Seats }, type: integer, min: 1, max: 500 }
              - { id: fee, label: { zh: 费用, en: Fee }, type: money }
              - { id: starts, label: { zh: 开始, en: Starts }, type: datetime }
              - { id: open, label: { zh: 开放, en: Open }, type: boolean }
              - { id: kind, label: { zh: 类型, en: Kind }, type: dictionary, list: club_kind, options: [{ code: a, zh: 甲, en: A }] }
              - { id: founder, label: { zh: 发起会员, en: Founder }, type: member }
              - { id: host, label: { zh: 负责人, en: Host }, type: staff }
            list: [title, seats, host]
            filters: [title, kind]
          - id: visit
            label: { zh: 到访, en: Visit }
            menu: false
            fields:
              - { id: day, label: { zh: 日期, en: Day }, type: date }
        """)
        #expect(definition.id == "clubs" && definition.version == "2.1.0" && definition.dependencies == ["settings", "members"])
        let club = try #require(definition.table("club"))
        #expect(club.fields.map(\.type) == [.text, .integer, .money, .datetime, .boolean, .dictionary(list: "club_kind"), .member, .staff])
        #expect(club.field("title")?.unique == true && club.field("title")?.lengthRange == 2...20 && club.field("seats")?.integerRange == 1...500)
        #expect(club.field("kind")?.seeds.first?.label == LocalizedText(zh: "甲", en: "A"))
        #expect(club.listColumns == ["title", "seats", "host"] && club.filters == ["title", "kind"] && club.ownerField == "host")
        #expect(club.column(of: try #require(club.field("host"))) == "owner_id")
        #expect(club.menu == MenuPlacement(label: LocalizedText(zh: "俱乐部列表", en: "Clubs"), group: LocalizedText(zh: "活动", en: "Events"), order: 5))
        #expect(definition.table("visit")?.menu == nil && definition.table("visit")?.listColumns == ["day"])

        let module = DeclarativeModule(definition)
        #expect(module.permissions.map(\.resource) == ["club", "visit"] && module.permissions[0].actions.map(\.id) == ["view", "add", "edit", "delete", "audit"])
        #expect(module.menu.map(\.path) == ["/club"] && module.messages.text("field.club.fee", .en) == "Fee")
        #expect(module.migrations.count == 1 && module.migrations[0].version > 0)
    }

    @Test("each problem is reported as file:line: module 'id': message")
    func errors() {
        let text = "      - { id: title, label: { zh: 名称, en: Title }, type: text }"
        #expect(problems(module(field: "      - { id: title, label: { zh: 名称, en: Title }, type: txt }"))
                == ["modules.d/bad.yaml:8: module 'bad': unknown field type 'txt' (known: text, integer, money, date, datetime, boolean, dictionary, member, staff)"])
        #expect(problems(module(field: "      - { id: title, label: { zh: 名称, en: Title }, type: text, colour: red }"))
                == ["modules.d/bad.yaml:8: module 'bad': unknown key 'tables[0].fields[0].colour' (allowed: id, label, type, required, unique, min_length, max_length, min, max, format, multiline, list, options, help)"])
        #expect(problems(module(field: "      - { id: title, type: text }"))
                == ["modules.d/bad.yaml:8: module 'bad': missing label: tables[0].fields[0].label needs zh and en, e.g. tables[0].fields[0].label: { zh: 推荐, en: Referral }"])
        #expect(problems(module(field: "      - { id: title, label: { zh: 名称 }, type: text }"))
                == ["modules.d/bad.yaml:8: module 'bad': missing label: tables[0].fields[0].label needs both zh and en"])
        #expect(problems(module(field: "      - { id: title, label: { zh: 名称, en: Title }, type: text }\n      - { id: title, label: { zh: 名称, en: Title }, type: integer }"))
                == ["modules.d/bad.yaml:9: module 'bad': duplicate field 'title' in table 'thing'"])
        #expect(problems(module(field: "      - { id: Title, label: { zh: 名称, en: Title }, type: text }"))
                == ["modules.d/bad.yaml:8: module 'bad': tables[0].fields[0].id 'Title' must be a lowercase letter followed by lowercase letters, digits or _ (at most 40)"])
        #expect(problems(module(field: "      - { id: owner_id, label: { zh: 名称, en: Title }, type: staff }")).first?
                .hasPrefix("modules.d/bad.yaml:8: module 'bad': tables[0].fields[0].id 'owner_id' is reserved") == true)
        #expect(problems(module(field: "      - { id: kind, label: { zh: 类型, en: Kind }, type: dictionary }", top: "depends_on: [settings]"))
                == ["modules.d/bad.yaml:8: module 'bad': tables[0].fields[0]: a dictionary field needs list: <the data dictionary list key>"])
        #expect(problems(module(field: "      - { id: who, label: { zh: 会员, en: Member }, type: member }"))
                == ["modules.d/bad.yaml:1: module 'bad': member fields need the members module: add members to depends_on"])
        #expect(problems(module(field: "      - { id: n, label: { zh: 数, en: N }, type: integer, max_length: 3 }"))
                == ["modules.d/bad.yaml:8: module 'bad': tables[0].fields[0].max_length applies to text fields only"])
        #expect(problems(module(field: text, table: "    list: [title, nope]"))
                == ["modules.d/bad.yaml:9: module 'bad': tables[0].list: unknown field 'nope'"])
        #expect(problems(module(field: text, table: "    owner: title"))
                == ["modules.d/bad.yaml:9: module 'bad': tables[0].owner 'title' must name a field of type staff"])
        #expect(problems(module(field: text, top: "colour: red"))
                == ["modules.d/bad.yaml:3: module 'bad': unknown key 'colour' (allowed: id, name, version, depends_on, menu_group, tables)"])
    }

    @Test("module ids: invalid, taken by a compiled-in module, missing; names and tables are required; bad YAML names its line")
    func moduleLevel() {
        #expect(problems("id: members\nname: { zh: 会员, en: Members }\ntables:\n  - { id: t, label: { zh: 表, en: T }, fields: [{ id: a, label: { zh: 甲, en: A }, type: text }] }\n")
                == ["modules.d/bad.yaml:1: module 'members': id 'members' is already used by another module"])
        #expect(problems("id: core\nname: { zh: 核, en: Core }\ntables:\n  - { id: t, label: { zh: 表, en: T }, fields: [{ id: a, label: { zh: 甲, en: A }, type: text }] }\n")
                == ["modules.d/bad.yaml:1: module 'core': id 'core' is already used by another module"])
        #expect(problems("id: Bad-One\nname: { zh: 坏, en: Bad }\ntables:\n  - { id: t, label: { zh: 表, en: T }, fields: [{ id: a, label: { zh: 甲, en: A }, type: text }] }\n")
                == ["modules.d/bad.yaml:1: module 'Bad-One': id 'Bad-One' must be a lowercase letter followed by lowercase letters, digits or _ (at most 40)"])
        #expect(problems("name: { zh: 坏, en: Bad }\ntables: []\n")
                == ["modules.d/bad.yaml:1: missing id", "modules.d/bad.yaml:2: tables must be a non-empty list"])
        #expect(problems("id: bad\ntables:\n  - { id: t, label: { zh: 表, en: T }, fields: [{ id: a, label: { zh: 甲, en: A }, type: text }] }\n")
                == ["modules.d/bad.yaml:1: module 'bad': missing label: name needs zh and en, e.g. name: { zh: 推荐, en: Referral }"])
        let broken = problems("id: bad\nname: { zh: 坏, en: Bad\ntables: x\n")
        #expect(broken.count == 1 && broken[0].hasPrefix("modules.d/bad.yaml:") && broken[0].contains("invalid YAML"))
    }
}
