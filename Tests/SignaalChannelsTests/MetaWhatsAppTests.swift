import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite struct MetaWhatsAppTests {
    static let mohammed = Author(name: "Mohammed Yilmaz", phone: "31612345678", platformID: "31612345678")

    @Test func textMessageBecomesAWhatsAppSignal() throws {
        let draft = try onlyDraft(MetaWebhook.events(from: FixtureFiles.data("meta/wa_cloud_text_message.json")))
        #expect(draft.channel == .whatsapp)
        #expect(draft.externalID == "wamid.HBgLMzE2MTIzNDU2NzgVAgASGBRURVNUMDEyMzQ1Njc4OUFCQ0RFRgA=")
        #expect(draft.text == "Hallo, ik heb gisteren een klacht ingediend over de uitgevallen trein Utrecht–Amersfoort (referentie 88231) maar nog niets gehoord. Hoe lang duurt dit nog?")
        #expect(draft.author == Self.mohammed)
        #expect(draft.receivedAt == seconds(1_767_089_709))
        #expect(draft.inReplyTo == nil)
        #expect(draft.channelAccount == "106540352242922")
        #expect(draft.attachments.isEmpty)
    }

    /// The fixture's envelope with `messages` replaced by `message`.
    static func message(_ message: String) throws -> Data {
        try fixture("meta/wa_cloud_text_message.json",
            replacing: #""type":"text","text":{"body":"Hallo, ik heb gisteren een klacht ingediend over de uitgevallen trein Utrecht\u2013Amersfoort (referentie 88231) maar nog niets gehoord. Hoe lang duurt dit nog?"}"#,
            with: message)
    }

    @Test func replyNamesTheMessageItAnswers() throws {
        let body = try Self.message(#""context":{"from":"31300000000","id":"wamid.OURS"},"type":"text","text":{"body":"Nee, nog steeds niks \ud83d\ude44"}"#)
        let draft = try onlyDraft(MetaWebhook.events(from: body))
        #expect(draft.text == "Nee, nog steeds niks 🙄")
        #expect(draft.inReplyTo == "wamid.OURS")
    }

    @Test(arguments: [
        (#""type":"image","image":{"caption":"Kapot poortje \u20ac 4","mime_type":"image/jpeg","sha256":"x","id":"1"}"#,
         "[afbeelding] Kapot poortje € 4", SignaalDomain.Attachment(filename: nil, contentType: "image/jpeg", size: 0, content: nil)),
        (#""type":"audio","audio":{"mime_type":"audio/ogg; codecs=opus","sha256":"x","id":"2","voice":true}"#,
         "[spraakbericht]", SignaalDomain.Attachment(filename: nil, contentType: "audio/ogg; codecs=opus", size: 0, content: nil)),
        (#""type":"document","document":{"filename":"factuur taxi.pdf","mime_type":"application/pdf","sha256":"x","id":"3"}"#,
         "[document: factuur taxi.pdf]", SignaalDomain.Attachment(filename: "factuur taxi.pdf", contentType: "application/pdf", size: 0, content: nil)),
        (#""type":"video","video":{"mime_type":"video/mp4","id":"4"}"#,
         "[video]", SignaalDomain.Attachment(filename: nil, contentType: "video/mp4", size: 0, content: nil)),
    ])
    func mediaGetsADutchPlaceholderAndMetadata(message: String, text: String, attachment: SignaalDomain.Attachment) throws {
        let draft = try onlyDraft(MetaWebhook.events(from: Self.message(message)))
        #expect(draft.text == text)
        #expect(draft.attachments == [attachment])
        #expect(draft.author == Self.mohammed)
    }

    @Test func locationShowsPlaceAndCoordinates() throws {
        let draft = try onlyDraft(MetaWebhook.events(from: Self.message(
            #""type":"location","location":{"latitude":52.0894,"longitude":5.1101,"name":"Utrecht Centraal","address":"Stationshal 12"}"#)))
        #expect(draft.text == "[locatie] Utrecht Centraal, Stationshal 12 (52.0894, 5.1101)")
        let bare = try onlyDraft(MetaWebhook.events(from: Self.message(#""type":"location","location":{}"#)))
        #expect(bare.text == "[locatie]")
    }

    @Test func buttonAndInteractiveRepliesGiveTheirTitle() throws {
        #expect(try onlyDraft(MetaWebhook.events(from: Self.message(#""type":"button","button":{"text":"Ja, graag","payload":"YES"}"#))).text == "Ja, graag")
        #expect(try onlyDraft(MetaWebhook.events(from: Self.message(
            #""type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"r1","title":"Geld terug"}}"#))).text == "Geld terug")
    }

    @Test func unsupportedTypeIsKeptWithAWarning() throws {
        let draft = try onlyDraft(MetaWebhook.events(from: Self.message(
            #""type":"unsupported","errors":[{"code":131051,"title":"Message type unknown"}]"#)))
        #expect(draft.text == "[niet-ondersteund bericht]")
        #expect(draft.warnings == ["WhatsApp gaf dit bericht niet door (type unsupported: Message type unknown)."])
    }

    @Test func reactionIsIgnored() throws {
        #expect(try MetaWebhook.events(from: Self.message(#""type":"reaction","reaction":{"message_id":"wamid.OURS","emoji":"\ud83d\udc4d"}"#))
            == [.ignored(kind: "meta_whatsapp_reaction")])
    }

    static func statuses(_ statuses: String) -> Data {
        Data(#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"31300000000","phone_number_id":"106540352242922"},"statuses":[\#(statuses)]},"field":"messages"}]}]}"#.utf8)
    }

    @Test func statusesBecomeDeliveryStatuses() throws {
        let body = Self.statuses([
            #"{"id":"wamid.A","status":"sent","timestamp":"1767089800","recipient_id":"31612345678"}"#,
            #"{"id":"wamid.A","status":"delivered","timestamp":"1767089801","recipient_id":"31612345678"}"#,
            #"{"id":"wamid.A","status":"read","timestamp":"1767089900","recipient_id":"31612345678"}"#,
            #"{"id":"wamid.B","status":"failed","timestamp":"1767090000","recipient_id":"31612345678","errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."}}]}"#,
            #"{"id":"wamid.C","status":"deleted","timestamp":"1767090001","recipient_id":"31612345678"}"#,
        ].joined(separator: ","))
        #expect(try MetaWebhook.events(from: body) == [
            .deliveryStatus(channel: .whatsapp, externalID: "wamid.A", status: .sent, at: seconds(1_767_089_800), detail: nil),
            .deliveryStatus(channel: .whatsapp, externalID: "wamid.A", status: .delivered, at: seconds(1_767_089_801), detail: nil),
            .deliveryStatus(channel: .whatsapp, externalID: "wamid.A", status: .read, at: seconds(1_767_089_900), detail: nil),
            .deliveryStatus(channel: .whatsapp, externalID: "wamid.B", status: .failed, at: seconds(1_767_090_000),
                detail: "Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
            .ignored(kind: "meta_whatsapp_status_deleted"),
        ])
    }

    @Test func otherWhatsAppFieldsAreIgnored() throws {
        let body = Data(#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}"#.utf8)
        #expect(try MetaWebhook.events(from: body) == [.ignored(kind: "meta_whatsapp_business_account_message_template_status_update")])
    }
}
