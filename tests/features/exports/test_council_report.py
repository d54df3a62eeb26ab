"""The PDF report: structured by programme item and result, published text only, pictures, the
moderation summary, Umlaute and „“ in a bundled font, emoji replaced instead of crashing."""

from __future__ import annotations

from pypdf import PdfReader

from features.contributions.service import post_comment, post_contribution
from features.exports.council_report import BOLD, REGULAR, REPLACEMENT, printable, render_pdf
from features.exports.service import collect_export, export_event
from features.staff.service import create_account
from models.staff import Role
from tests.support.factories import a_result, participation
from tests.support.pdf import read
from tests.support.xss import XSS_CORPUS


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


async def test_the_report_follows_the_programme_and_the_results(team) -> None:
    moderator, organiser = team
    made = await participation(moderator)
    exported = await export_event(organiser, made["event"].id, "pdf")
    assert exported.data.startswith(b"%PDF") and exported.filename.endswith(".pdf")
    assert exported.media_type == "application/pdf"
    reader, text = read(exported.data)
    assert reader.metadata.title == "Dokumentation der Beteiligung: Stadtgespräch Hörde: Straßen & Plätze"
    titles = outline_titles(reader)
    assert titles[:2] == ["Stadtgespräch Hörde: Straßen & Plätze", "Programm und Live-Wand"]
    assert [title for title in titles if title.endswith(("Punkt 1", "Punkt 2"))][1].endswith("Punkt 2")
    assert titles.index("Ergebnisse") < titles.index("Mobilität") < titles.index("Der Wall als Boulevard")
    assert titles[-1] == "Moderation im Überblick"
    assert "Rathaus" in text
    # the wall post under its programme item, with name, support and "answered"; Umlaute and „“ intact
    part_two = text.index("Punkt 2", text.index("Programm und Live-Wand"))
    wall = text.index("Grüße aus Hörde – „Straßenbäume“ für alle")
    assert part_two < wall < text.index("Punkt 3", part_two)
    assert "Änne · " in text and "Unterstützung: 1 · beantwortet" in text
    # the result: picture with its alt text, comment with its reply, the proposal with its support
    result_part = text[text.index("Der Wall als Boulevard", text.index("Ergebnisse")):]
    assert "Bild: Skizze: Bäume am Wall" in result_part
    assert result_part.index("Mehr Radwege, bitte") < result_part.index("↳ Kim") < result_part.index(
        "Und sichere Kreuzungen")
    assert "Vorschläge (1)" in result_part and "Bäume pflanzen" in result_part
    assert "Unterstützung: 2" in result_part
    assert any(page.images for page in reader.pages)  # the stored JPEG is in the report
    # published only: hidden and withdrawn text stays out; secrets never in
    assert "Das wird ausgeblendet" not in text and "selbst gelöscht" not in text
    assert "browser-secret" not in text and b"browser-secret" not in exported.data
    # the summary counts every status, the log's decisions and the reports
    summary = text[text.rindex("Moderation im Überblick"):]
    assert "veröffentlicht 5" in summary and "ausgeblendet 1" in summary and "von der Person gelöscht 1" in summary
    assert "Beiträge insgesamt 7" in summary
    assert "ausgeblendet 1" in summary and "als beantwortet markiert 1" in summary
    assert "Meldungen insgesamt 1" in summary
    assert "Seite 1 von" in text


async def test_markup_and_emoji_are_text_and_never_break_the_report(team) -> None:
    _, organiser = team
    event, _, result = await a_result()
    for number, text in enumerate(XSS_CORPUS):
        await post_comment(result.id, f"x{number}", text)
    await post_contribution(event.id, "emoji", "Super 👍🏽 Idee 🇩🇪!", nickname="Zoë 🥨")
    await post_contribution(event.id, "long", "Ein-sehr-langes-Wort-" * 20)
    data = await collect_export(organiser, event.id)
    _, text = read(render_pdf(data))
    for markup in XSS_CORPUS:
        assert " ".join(markup.split()) in text
    assert f"Super {REPLACEMENT} Idee {REPLACEMENT}!" in text and f"Zoë {REPLACEMENT}" in text
    assert ("Ein-sehr-langes-Wort-" * 20).rstrip("-") in text.replace(" ", "")  # cut over lines, nothing lost
    assert "Ein-sehr-langes-Wort-" * 20 not in text  # it did not fit on one line


async def test_the_report_speaks_english_when_asked(db) -> None:
    organiser = await create_account("Olga", "richtig-geheim-42", Role.ORGANISER)
    event, _, _ = await a_result()
    reader, text = read((await export_event(organiser, event.id, "pdf", language="en")).data)
    assert "Record of participation" in text and "No published comments." in text
    assert outline_titles(reader)[-1] == "Moderation summary" and "Page 1 of" in text


def test_printable_replaces_what_the_font_lacks_and_drops_control_characters() -> None:
    assert printable("a\x00b\u200bc\td\r\ne") == "abc d\ne"
    assert printable("ÄÖÜß „“ – € …") == "ÄÖÜß „“ – € …"
    assert printable("👍👍 ok") == f"{REPLACEMENT} ok"
    assert REGULAR.is_file() and BOLD.is_file() and (REGULAR.parent / "LICENSE").is_file()
