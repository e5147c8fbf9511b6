import Foundation
import HostTesting
import HummingbirdTesting
import Settings
import SQLKit
import Testing

@Suite("data dictionary pages")
struct DictionaryPagesTests {
    struct Option: Decodable, Equatable { let id: Int64; let list_key: String; let code: String; let label_zh: String; let label_en: String; let sort_order: Int; let enabled: Int }

    func option(_ t: TestHost, _ list: String, _ code: String) async throws -> Option? {
        try await t.db.select().columns("id", "list_key", "code", "label_zh", "label_en", "sort_order", "enabled").from("settings_dict_option")
            .where("list_key", .equal, list).where("code", .equal, code).first(decoding: Option.self)
    }

    func options(_ t: TestHost, _ list: String) async throws -> [Option] {
        try await t.db.select().columns("id", "list_key", "code", "label_zh", "label_en", "sort_order", "enabled").from("settings_dict_option")
            .where("list_key", .equal, list).orderBy("id").all(decoding: Option.self)
    }

    // MARK: - Lists

    @Test("the lists show the shipped defaults: education has 本科, and the list search narrows by name")
    func shippedDefaults() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let lists = try await admin.get("/m/settings/dictionary")
            #expect(lists.status == .ok)
            #expect(lists.text.contains("<a href=\"/m/settings/dictionary/education\">学历</a>"))
            #expect(lists.text.contains("婚况") && lists.text.contains("年收入"))
            let searched = try await admin.get("/m/settings/dictionary?q=%E5%AD%A6%E5%8E%86")   // 学历
            #expect(searched.text.contains("学历") && !searched.text.contains("年收入"))
            let education = try await admin.get("/m/settings/dictionary/education")
            #expect(education.status == .ok)
            #expect(education.text.contains("本科") && education.text.contains("bachelor") && education.text.contains("博士后"))
            #expect(education.text.contains("id=\"add-option\""))
            #expect(try await admin.get("/m/settings/dictionary/no_such_list").status == .notFound)
        }
    }

    // MARK: - Add

    @Test("adding an option stores it and is audited; a duplicate code, a bad code or missing labels are refused per field")
    func add() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let before = try await options(t, "education").count
            let duplicate = try await admin.post("/m/settings/dictionary/education/options",
                                                 form: ["code": "bachelor", "label_zh": "本科2", "label_en": "BA", "sort_order": "1", "enabled": "1"])
            #expect(duplicate.status.code == 422)
            #expect(HTMLProbe.fieldError("code", in: duplicate.text, form: "add-option") == "该代码已存在。")
            #expect(duplicate.text.contains("value=\"本科2\""))
            let bad = try await admin.post("/m/settings/dictionary/education/options", form: ["code": "Bad Code", "label_zh": "", "label_en": "x", "sort_order": "x"])
            #expect(bad.status.code == 422)
            #expect(HTMLProbe.fieldError("code", in: bad.text, form: "add-option") == "代码：小写字母开头，只含小写字母、数字和下划线，最多 40 位。")
            #expect(HTMLProbe.fieldError("label_zh", in: bad.text, form: "add-option") == "请填写中文名称。")
            #expect(HTMLProbe.fieldError("sort_order", in: bad.text, form: "add-option") == "排序须为 -99999 到 99999 之间的整数。")
            #expect(try await options(t, "education").count == before)
            #expect(try await option(t, "education", "bachelor")?.label_zh == "本科")

            let added = try await admin.post("/m/settings/dictionary/education/options",
                                             form: ["code": "overseas_phd", "label_zh": "海外博士", "label_en": "Overseas PhD", "sort_order": "75", "enabled": "1"])
            #expect(added.status == .seeOther && added.location == "/m/settings/dictionary/education")
            let stored = try await option(t, "education", "overseas_phd")
            #expect(stored?.label_zh == "海外博士" && stored?.label_en == "Overseas PhD" && stored?.sort_order == 75 && stored?.enabled == 1)
            let audit = try await t.auditRows(action: "dictionary.add")
            try #require(audit.count == 1)
            #expect(audit[0].target == "education:overseas_phd" && audit[0].module == "settings")
            let page = try await admin.get("/m/settings/dictionary/education")
            #expect(HTMLProbe.flashes(in: page.text) == ["选项已保存。"] && page.text.contains("海外博士"))
            #expect(try await option(t, "gender", "overseas_phd") == nil)   // same code, other list: untouched
            let sameCodeOtherList = try await admin.post("/m/settings/dictionary/gender/options", form: ["code": "bachelor", "label_zh": "x", "label_en": "x"])
            #expect(sameCodeOtherList.status == .seeOther)                    // codes are unique per list only
        }
    }

    // MARK: - Edit and delete

    @Test("editing an option changes labels, order and enabled state (not its code) and records before/after")
    func edit() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let bachelor = try #require(try await option(t, "education", "bachelor"))
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let form = try await admin.get("/m/settings/dictionary/education/options/\(bachelor.id)/edit")
            #expect(form.status == .ok && form.text.contains("value=\"本科\"") && !form.text.contains("name=\"code\""))
            let response = try await admin.post("/m/settings/dictionary/education/options/\(bachelor.id)",
                                                form: ["label_zh": "大学本科", "label_en": "Bachelor", "sort_order": "5", "code": "hacked"])
            #expect(response.status == .seeOther)
            let after = try await option(t, "education", "bachelor")
            #expect(after?.label_zh == "大学本科" && after?.label_en == "Bachelor" && after?.sort_order == 5 && after?.enabled == 0)
            let audit = try await t.auditRows(action: "dictionary.edit").first
            #expect(audit?.before_state == "本科 / Bachelor's degree / 40 / true")
            #expect(audit?.after_state == "大学本科 / Bachelor / 5 / false")
            let bad = try await admin.post("/m/settings/dictionary/education/options/\(bachelor.id)", form: ["label_zh": "", "label_en": "x"])
            #expect(bad.status.code == 422 && HTMLProbe.fieldError("label_zh", in: bad.text) == "请填写中文名称。")
            #expect(try await admin.get("/m/settings/dictionary/gender/options/\(bachelor.id)/edit").status == .notFound)   // wrong list
        }
    }

    @Test("deleting one option removes it and is audited")
    func deleteOne() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let master = try #require(try await option(t, "education", "master"))
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            #expect(try await admin.post("/m/settings/dictionary/gender/options/\(master.id)/delete").status == .notFound)
            #expect(try await admin.post("/m/settings/dictionary/education/options/\(master.id)/delete").status == .seeOther)
            #expect(try await option(t, "education", "master") == nil)
            let audit = try await t.auditRows(action: "dictionary.delete").first
            #expect(audit?.target == "education:master" && audit?.before_state == "硕士 / Master's degree")
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/settings/dictionary/education").text) == ["选项已删除。"])
        }
    }

    @Test("a batch delete removes the selected options of this list in one audited step and leaves other lists alone")
    func batchDelete() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let master = try #require(try await option(t, "education", "master")), doctorate = try #require(try await option(t, "education", "doctorate"))
        let male = try #require(try await option(t, "gender", "male"))
        let before = try await options(t, "education").count
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.get("/m/settings/dictionary/education")
            #expect(page.text.contains("formaction=\"/m/settings/dictionary/education/batch-delete\""))
            let response = try await admin.post("/m/settings/dictionary/education/batch-delete",
                                                 multi: [("ids", String(master.id)), ("ids", String(doctorate.id)), ("ids", String(male.id))])
            #expect(response.status == .seeOther)
            #expect(try await options(t, "education").count == before - 2)
            #expect(try await option(t, "education", "master") == nil)
            #expect(try await option(t, "education", "doctorate") == nil)
            #expect(try await option(t, "gender", "male") != nil)
            let audit = try await t.auditRows(action: "dictionary.batchDelete")
            try #require(audit.count == 1)
            #expect(audit[0].target == "education")
            #expect(Set((audit[0].before_state ?? "").split(separator: ",")) == ["master", "doctorate"])
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/settings/dictionary/education").text) == ["已删除 2 个选项。"])

            _ = try await admin.post("/m/settings/dictionary/education/batch-delete")
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/settings/dictionary/education").text) == ["请先勾选要操作的选项。"])
            #expect(try await t.auditRows(action: "dictionary.batchDelete").count == 1)
        }
    }

    // MARK: - Permissions

    @Test("a role with view but not add/edit/delete sees no add form or row actions and gets 403 on every change")
    func viewOnly() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        let role = try await t.role("红娘")
        try await t.grant(role, ["settings.dictionary.view"])
        try await t.staff("hn", role: role)
        let bachelor = try #require(try await option(t, "education", "bachelor"))
        let before = try await options(t, "education")
        try await t.test { client in
            var hn = try await Browser.login(client, "hn")
            let page = try await hn.get("/m/settings/dictionary/education")
            #expect(page.status == .ok && page.text.contains("本科"))
            #expect(!page.text.contains("id=\"add-option\"") && !page.text.contains("/delete") && !page.text.contains("/edit")
                    && !page.text.contains("batch-delete"))
            let add = try await hn.post("/m/settings/dictionary/education/options", form: ["code": "sneaky", "label_zh": "x", "label_en": "x"])
            #expect(add.status == .forbidden)
            #expect(try await hn.get("/m/settings/dictionary/education/options/\(bachelor.id)/edit").status == .forbidden)
            #expect(try await hn.post("/m/settings/dictionary/education/options/\(bachelor.id)", form: ["label_zh": "x", "label_en": "x"]).status == .forbidden)
            #expect(try await hn.post("/m/settings/dictionary/education/options/\(bachelor.id)/delete").status == .forbidden)
            #expect(try await hn.post("/m/settings/dictionary/education/batch-delete", multi: [("ids", String(bachelor.id))]).status == .forbidden)
            #expect(try await options(t, "education") == before)
            #expect(try await t.count("core_audit") == 0)
        }
    }
}
