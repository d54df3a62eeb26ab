"""Poll results in the exports: a second table in the CSV, a list in the JSON, bars and numbers in
the PDF report under their programme item."""

from __future__ import annotations

import csv
import io
import json

from features.exports.service import collect_export, export_event
from features.polls.service import PollDraft, answer_poll, close_poll, create_poll, open_poll
from models.contribution import Channel
from models.poll import PollKind
from tests.support.factories import open_event
from tests.support.pdf import read


async def polls_with_answers(organiser):
    event, items = await open_event()
    choice = await create_poll(organiser, event.id, PollDraft(
        PollKind.SINGLE, "Welches Thema zuerst?", ("=Wohnen", "Verkehr"), agenda_item_id=items[1].id
    ))
    await open_poll(organiser, choice.id)
    await answer_poll(choice.id, "a", choices=[choice.options[0].id], channel=Channel.HALL)
    await answer_poll(choice.id, "b", choices=[choice.options[0].id])
    await answer_poll(choice.id, "c", choices=[choice.options[1].id])
    await close_poll(organiser, choice.id)
    words = await create_poll(organiser, event.id, PollDraft(PollKind.WORDS, "Ein Wort für die Stadt?"))
    await open_poll(organiser, words.id)
    await answer_poll(words.id, "a", words="grün")
    return event


async def test_csv_has_a_table_of_poll_results_below_the_contributions(team) -> None:
    _, organiser = team
    event = await polls_with_answers(organiser)
    content = (await export_event(organiser, event.id, "csv")).data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    start = rows.index(["Umfrage", "Art", "Programmpunkt", "Antwort", "Stimmen (Rangfolge: Punkte)", "Anteil in %",
                        "im Saal", "online"])
    assert rows[start - 1] == []
    assert rows[start + 1:] == [
        ["Welches Thema zuerst?", "Einfachauswahl", "Punkt 2", "'=Wohnen", "2", "67", "1", "1"],
        ["Welches Thema zuerst?", "Einfachauswahl", "Punkt 2", "Verkehr", "1", "33", "0", "1"],
        ["Ein Wort für die Stadt?", "Wortwolke", "", "grün", "1", "100", "0", "0"],
    ]


async def test_json_lists_each_poll_with_its_counts(team) -> None:
    _, organiser = team
    event = await polls_with_answers(organiser)
    document = json.loads((await export_event(organiser, event.id, "json")).data)
    first, second = document["polls"]
    assert (first["question"], first["kind"], first["state"]) == ("Welches Thema zuerst?", "single", "closed")
    assert first["answers"] == {"total": 3, "hall": 1, "online": 2}
    assert [(o["label"], o["total"], o["hall"]) for o in first["options"]] == [("=Wohnen", 2, 1), ("Verkehr", 1, 0)]
    assert second["words"] == [{"words": "grün", "count": 1}]


async def test_the_report_shows_each_poll_under_its_programme_item(team) -> None:
    _, organiser = team
    event = await polls_with_answers(organiser)
    data = await collect_export(organiser, event.id)
    _, text = read((await export_event(organiser, event.id, "pdf")).data)
    item_2, item_3 = text.index("Punkt 2"), text.index("Punkt 3")
    assert item_2 < text.index("Umfrage: Welches Thema zuerst?") < item_3
    assert "3 Antworten (1 im Saal, 2 online)" in text and "2 (67 %) · Saal 1 · online 1" in text
    assert text.index("Ohne Programmpunkt") < text.index("Umfrage: Ein Wort für die Stadt?")
    assert len(data.polls) == 2
