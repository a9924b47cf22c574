import Foundation
import Testing
import SignaalChannels

@Suite("E-mail HTML to text")
struct EmailHTMLToTextTests {
    @Test(arguments: [
        ("<p>&euro;&nbsp;49,95</p>", "€ 49,95"),
        ("&#8364; &#x20AC; &#X20ac;", "€ € €"),
        ("&amp;lt; &lt;b&gt; &quot;ja&quot; &apos;nee&apos;", "&lt; <b> \"ja\" 'nee'"),
        ("Caf&eacute; Zee&euml;n &Ouml;zdemir", "Café Zeeën Özdemir"),
        ("45,&ndash; &hellip; &lsquo;x&rsquo; &ldquo;y&rdquo;", "45,– … ‘x’ “y”"),
        ("&#150; &#128;", "– €"),
        ("AT&T &unknown; & los", "AT&T &unknown; & los"),
        ("&amp zonder puntkomma", "& zonder puntkomma"),
        ("a &#0; b", "a \u{FFFD} b"),
        ("prijs:\u{00A0}10", "prijs: 10"),
    ])
    func decodesEntities(html: String, expected: String) {
        #expect(HTMLToText.text(fromHTML: html) == expected)
    }

    @Test(arguments: [
        ("<div>Regel 1</div><div>Regel 2</div>", "Regel 1\nRegel 2"),
        ("<p>Alinea 1</p><p>Alinea 2</p>", "Alinea 1\n\nAlinea 2"),
        ("a<br>b<br><br>c<BR/>d", "a\nb\n\nc\nd"),
        ("<div>a<br></div><div><br></div><div>b</div>", "a\n\nb"),
        ("<p>  veel\n   spaties\t hier </p>", "veel spaties hier"),
        ("<P>Hallo<BR>Wereld</P>", "Hallo\nWereld"),
        ("<h1>Kop</h1>tekst", "Kop\n\ntekst"),
        ("<ul><li>een</li><li>twee</li></ul>na", "- een\n- twee\n\nna"),
        ("<table><tr><td>Datum</td><td>30-12</td></tr><tr><td>Bedrag</td><td>€ 45</td></tr></table>", "Datum 30-12\nBedrag € 45"),
        ("<pre>a  b\n  c</pre>", "a  b\n  c"),
        ("Lees <a href=\"https://example.nl/x?a=1&amp;b=2\">de voorwaarden</a>.", "Lees de voorwaarden."),
        ("3 < 5 en 7 > 6", "3 < 5 en 7 > 6"),
        ("<p>kapot <b", "kapot"),
    ])
    func placesLineBreaks(html: String, expected: String) {
        #expect(HTMLToText.text(fromHTML: html) == expected)
    }

    @Test func dropsInvisibleContent() {
        let html = """
        <!DOCTYPE html><html><head><title>Titel</title>
        <style type="text/css">p { color: red; }</style>
        <script>var x = "<p>niet tonen</p>";</script></head>
        <body><!-- commentaar <p>ook niet</p> --><!--[if mso]><p>Outlook</p><![endif]-->
        <p>Zichtbaar</p><SCRIPT>alert(1)</SCRIPT><noscript>fallback</noscript></body></html>
        """
        #expect(HTMLToText.text(fromHTML: html) == "Zichtbaar\n\nfallback")
    }

    @Test func unclosedScriptDropsTheRest() {
        #expect(HTMLToText.text(fromHTML: "<p>Begin</p><script>nooit gesloten <p>weg</p>") == "Begin")
    }

    @Test func blockquotesBecomeQuotedLines() {
        let html = "<p>Nieuw</p><blockquote><p>Oud 1</p><p>Oud 2</p><blockquote>Ouder</blockquote></blockquote><p>Na</p>"
        #expect(HTMLToText.text(fromHTML: html) == "Nieuw\n\n> Oud 1\n>\n> Oud 2\n>\n>> Ouder\n\nNa")
    }

    @Test func outlookParagraphsAreSingleLines() {
        let html = """
        <html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
        <p class=MsoNormal>Regel een<o:p></o:p></p>
        <p class=MsoNormal>Regel twee<o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Na een lege regel<o:p></o:p></p></body></html>
        """
        #expect(HTMLToText.text(fromHTML: html) == "Regel een\nRegel twee\n\nNa een lege regel")
    }

    @Test func largeHTMLIsLinear() {
        let html = String(repeating: "<div class=\"x\"><p>Tekst met &euro;&nbsp;10 en <a href=\"#\">link</a>.</p></div>\n", count: 20_000)
        let clock = ContinuousClock()
        var text = ""
        let elapsed = clock.measure { text = HTMLToText.text(fromHTML: html) }
        #expect(text.hasPrefix("Tekst met € 10 en link.\n\nTekst"))
        #expect(elapsed < .seconds(10), "conversion took \(elapsed); a quadratic pass would take minutes")
    }
}
