import SignaalDomain
import Testing

@Suite("Accounts posing as the brand's care team are recognised; customers and the brand itself are not")
struct BrandAccountsTests {
    let brand = BrandAccounts(handles: ["NS_online", "@KLM"])

    @Test("look-alikes and care names in the brand's name are taken for fakes, with the handle they pose as", arguments: [
        (Author(handle: "NS_0nline"), "NS_online"),  // a zero for the o
        (Author(handle: "NS_onIine", name: "NS"), "NS_online"),  // a capital I for the l
        (Author(handle: "ns_online_hulp"), "NS_online"),  // something added
        (Author(handle: "NSKlantenservice"), "NS_online"),  // the name fused with a care word
        (Author(handle: "reizen1982", name: "NS Klantenservice"), "NS_online"),  // only the display name
        (Author(handle: "KLM_Webcare"), "KLM"),
        (Author(handle: "klm_customer_care"), "KLM"),
        (Author(handle: "KLM_Kl4ntenservice"), "KLM"),  // a digit inside the care word
    ])
    func fakes(author: Author, poses: String) {
        #expect(brand.impersonated(by: author, on: .x) == poses, "\(author)")
    }

    @Test("customers who name the brand, the brand's own accounts and other channels are left alone", arguments: [
        Author(handle: "NS_online"), Author(handle: "@ns_ONLINE"), Author(handle: "KLM"),  // the brand itself
        Author(handle: "ns_hater"), Author(handle: "reiziger", name: "Jans Service"), Author(handle: "klmfan", name: "Sanne"),
        Author(handle: "ns_help_me"), Author(handle: "jansen_support"), Author(name: "Henk de Boer"), Author(),
    ])
    func notFakes(author: Author) {
        #expect(brand.impersonated(by: author, on: .x) == nil, "\(author)")
    }

    @Test("only the public platforms; without brand handles nothing is suspected")
    func scope() {
        #expect(brand.impersonated(by: Author(name: "NS Klantenservice", email: "ns@gmail.example"), on: .email) == nil)
        #expect(brand.impersonated(by: Author(handle: "NS_0nline"), on: .instagram) == "NS_online")
        #expect(BrandAccounts(handles: []).impersonated(by: Author(handle: "NS_0nline"), on: .x) == nil)
    }
}
