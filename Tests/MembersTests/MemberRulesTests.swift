import Members
import Testing

@Suite("member rules")
struct MemberRulesTests {
    @Test("ID card checksum, birthday and gender are read from the number")
    func idCards() {
        let card = idCard(birthday: "1988-02-29", male: true)
        #expect(IDCard.isValid(card))
        #expect(IDCard.birthday(card) == "1988-02-29")
        #expect(IDCard.gender(card) == "male")
        var wrong = Array(card)
        wrong[17] = wrong[17] == "1" ? "2" : "1"
        #expect(!IDCard.isValid(String(wrong)))
        #expect(!IDCard.isValid(idCard(birthday: "1987-02-29", male: true)))   // no such day
        #expect(!IDCard.isValid("12345"))
    }

    @Test("masks keep the first three and last four digits of a mobile number")
    func masks() {
        #expect(MemberFormat.mask("13812345678", kind: "mobile") == "138****5678")
        #expect(MemberFormat.mask("zhang@qq.com", kind: "email") == "z***@qq.com")
        #expect(MemberFormat.mask("", kind: "mobile") == "")
    }

    @Test("ages and the birthday range of an age filter agree on the edges")
    func ages() {
        #expect(MemberFormat.age(birthday: "2000-11-24", today: "2026-11-23") == 25)
        #expect(MemberFormat.age(birthday: "2000-11-23", today: "2026-11-23") == 26)
        let range = MemberFormat.birthdayRange(minAge: 26, maxAge: 30, today: "2026-11-23")
        #expect(range.to == "2000-11-23")
        #expect(range.from == "1995-11-24")
        #expect(MemberFormat.age(birthday: range.from!, today: "2026-11-23") == 30)
    }
}
