"""Exports for the council: every contribution in every status, no browser ids, voter ids or IPs,
German Excel CSV without formula injection, flat JSON with parent ids, organisers only, audited."""

from __future__ import annotations

import csv
import io
import json
import threading

import pytest

from core.errors import ServiceError
from features.answers.service import give_answer
from features.contributions.service import post_comment
from features.exports import service as exports
from features.exports.service import (
    collect_export,
    export_event,
    neutralised,
    render_csv,
    render_json,
    slug,
)
from models.contribution import OfficialStatus
from models.event import Event
from models.moderation import ModerationLogEntry
from models.staff import Role
from tests.support.factories import a_result, participation
from tests.support.xss import XSS_CORPUS

SECRETS = ("browser-secret-", "voter-secret-", "flagger-secret-", "draft-key-", "203.0.113.")


async def test_every_contribution_in_every_status_with_its_context(team) -> None:
    moderator, organiser = team
    made = await participation(moderator)
    data = await collect_export(organiser, made["event"].id)
    rows = {row.id: row for row in data.rows}
    assert list(rows) == sorted(rows) and len(rows) == 7
    wall = rows[made["wall"].id]
    assert (wall.kind, wall.status, wall.channel, wall.nickname) == ("wall", "published", "hall", "Änne")
    assert wall.agenda_item == "Punkt 2" and wall.answered and wall.vote_count == 1
    assert wall.created.endswith(("+01:00", "+02:00")) and "T" in wall.created  # Europe/Berlin, with offset
    comment, reply, proposal = rows[made["comment"].id], rows[made["reply"].id], rows[made["proposal"].id]
    assert (comment.kind, comment.topic, comment.result, comment.reply_count) == (
        "comment",
        "Mobilität",
        "Der Wall als Boulevard",
        1,
    )
    assert (reply.kind, reply.parent_id, reply.text) == ("reply", comment.id, "Und sichere Kreuzungen")
    assert (proposal.kind, proposal.title, proposal.vote_count) == ("proposal", "Bäume pflanzen", 2)
    assert rows[made["hidden"].id].status == "hidden"
    withdrawn = rows[made["withdrawn"].id]
    assert withdrawn.status == "withdrawn" and (withdrawn.text, withdrawn.nickname, withdrawn.title) == ("", "", "")
    assert data.status_counts() == {"pending": 0, "published": 5, "hidden": 1, "rejected": 0, "withdrawn": 1}
    assert data.action_counts == {"answered": 1, "hide": 1} and data.flag_count == 1
    assert data.results[0].pictures[0].path is not None and data.results[0].pictures[0].alt == "Skizze: Bäume am Wall"


async def test_csv_is_german_excel_and_keeps_secrets_and_formulas_out(team) -> None:
    moderator, organiser = team
    made = await participation(moderator)
    await give_answer(organiser, made["proposal"].id, OfficialStatus.PARTLY_ADOPTED, "=Teils, am Wall")
    exported = await export_event(organiser, made["event"].id, "csv")
    content = exported.data
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    assert b"\r\n" in content and b"\n" not in content.replace(b"\r\n", b"")
    for secret in SECRETS:
        assert secret.encode() not in content
    assert exported.media_type.startswith("text/csv")
    assert exported.filename.startswith("stadtgespraech-hoerde-strassen-plaetze-")
    assert exported.filename.endswith(".csv")
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    header = table[0]
    assert header[:4] == ["Nr.", "Erstellt", "Art", "Status"] and header[-5:] == [
        "Name", "Titel", "Text", "Stand (Antwort der Stadt)", "Antwort der Stadt"
    ]
    by_id = {int(line[0]): dict(zip(header, line, strict=True)) for line in table[1:]}
    wall = by_id[made["wall"].id]
    assert wall["Text"] == "Grüße aus Hörde – „Straßenbäume“ für alle" and wall["Name"] == "Änne"  # round trip
    assert (wall["Art"], wall["Status"], wall["Kanal"], wall["Beantwortet"]) == (
        "Live-Wand",
        "veröffentlicht",
        "im Saal",
        "ja",
    )
    formula = by_id[made["formula"].id]
    assert formula["Text"] == '\'=HYPERLINK("http://evil.example","klick")' and formula["Name"] == "'@admin"
    assert by_id[made["reply"].id]["Antwort auf Nr."] == str(made["comment"].id)
    proposal = by_id[made["proposal"].id]
    assert (proposal["Stand (Antwort der Stadt)"], proposal["Antwort der Stadt"]) == (
        "Teilweise aufgenommen", "'=Teils, am Wall"
    )
    assert (wall["Stand (Antwort der Stadt)"], wall["Antwort der Stadt"]) == ("", "")
    assert by_id[made["withdrawn"].id]["Text"] == "" and b"selbst gel" not in content


async def test_csv_headers_follow_the_language(team) -> None:
    moderator, organiser = team
    made = await participation(moderator)
    content = (await export_event(organiser, made["event"].id, "csv", language="en")).data.decode("utf-8-sig")
    assert content.startswith("No.;Created;Kind;Status;Channel;Programme item")
    assert ";Live wall;published;in the hall;" in content


@pytest.mark.parametrize("value", ["=1+1", "+49 231", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_start_with_an_apostrophe(value) -> None:
    assert neutralised(value) == f"'{value}"
    assert neutralised("Hallo = gut") == "Hallo = gut"


@pytest.mark.parametrize(
    "value",
    [
        '＝HYPERLINK("https://evil.example")',  # fullwidth = (issue 19)
        "＋49 231",
        "－2",
        "＠SUM(A1)",
        "﹦1+1",  # small equals sign
        "﹢1",
        "﹣1",
        "﹫x",
        "−2",  # minus sign
        "\u200b=1+1",  # a zero-width space before the sign
        "\ufeff＝1",
        "\u3000＝1",  # ideographic space
        "\nx",
    ],
)
def test_look_alikes_of_formula_signs_are_neutralised_too(value: str) -> None:
    assert neutralised(value) == f"'{value}"


@pytest.mark.parametrize("value", ["Anna", "Ähnlich wie ＝ hier", "1 + 1", "– ein Gedankenstrich", "(Frage)"])
def test_ordinary_text_keeps_its_first_character(value: str) -> None:
    assert neutralised(value) == value


async def test_json_is_flat_with_parent_ids_and_without_secrets(team) -> None:
    moderator, organiser = team
    made = await participation(moderator)
    exported = await export_event(organiser, made["event"].id, "json")
    for secret in SECRETS:
        assert secret.encode() not in exported.data
    document = json.loads(exported.data.decode("utf-8"))
    assert document["event"]["title"] == "Stadtgespräch Hörde: Straßen & Plätze"
    assert document["event"]["starts_at"].endswith(("+01:00", "+02:00"))
    assert document["exported_at"] and document["agenda_items"][1]["title"] == "Punkt 2"
    contributions = {item["id"]: item for item in document["contributions"]}
    assert contributions[made["reply"].id]["parent_id"] == made["comment"].id
    assert contributions[made["comment"].id]["reply_count"] == 1
    assert contributions[made["withdrawn"].id]["text"] == ""
    forbidden = {"author_id", "client_key", "voter_id", "reporter_id", "flagger_id", "address", "ip"}
    assert not forbidden & set(document["contributions"][0])
    assert "Grüße aus Hörde".encode() in exported.data  # UTF-8 as it is, not \u-escaped


async def test_markup_comes_out_as_the_same_characters(team) -> None:
    _, organiser = team
    event, _, result = await a_result()
    for number, text in enumerate(XSS_CORPUS):
        await post_comment(result.id, f"browser-secret-x{number}", text, nickname=f"n{number}")
    data = await collect_export(organiser, event.id)
    table = list(csv.reader(io.StringIO(render_csv(data).decode("utf-8-sig"), newline=""), delimiter=";"))
    text = table[0].index("Text")
    assert sorted(line[text] for line in table[1:]) == sorted(XSS_CORPUS)
    document = json.loads(render_json(data))
    assert sorted(item["text"] for item in document["contributions"]) == sorted(XSS_CORPUS)


async def test_only_organisers_export_and_every_export_is_logged(team) -> None:
    moderator, organiser = team
    event = (await participation(moderator))["event"]
    for actor in (None, moderator):
        with pytest.raises(ServiceError) as refused:
            await export_event(actor, event.id, "csv")
        assert refused.value.key == "forbidden"
        with pytest.raises(ServiceError):
            await collect_export(actor, event.id)
    organiser.role = Role.MODERATOR  # demoted meanwhile: the stored role counts, not the one in hand
    await organiser.save()
    with pytest.raises(ServiceError):
        await export_event(organiser, event.id, "pdf")
    organiser.role = Role.ORGANISER
    await organiser.save()
    with pytest.raises(ServiceError) as refused:
        await export_event(organiser, event.id, "xlsx")
    assert refused.value.key == "export.bad_format"
    assert not await ModerationLogEntry.exists(action="export")
    await export_event(organiser, event.id, "json")
    entry = await ModerationLogEntry.get(action="export")
    assert (entry.staff_name, entry.event_id) == ("Olaf", event.id) and entry.detail.startswith("json (admin")


async def test_progress_moves_forward_to_done_on_the_event_loop(team) -> None:
    moderator, organiser = team
    event = (await participation(moderator))["event"]
    seen: list[tuple[float, str, bool]] = []
    await export_event(
        organiser,
        event.id,
        "pdf",
        progress=lambda share, step: seen.append((share, step, threading.current_thread() is threading.main_thread())),
    )
    shares = [share for share, _, _ in seen]
    assert shares == sorted(shares) and shares[0] == 0.0 and seen[-1][:2] == (1.0, "done")
    assert {step for _, step, _ in seen} == {"collect", "render", "done"}
    assert all(on_loop for _, _, on_loop in seen)


async def test_a_failing_export_gives_a_clear_error_and_logs_nothing(team, monkeypatch) -> None:
    moderator, organiser = team
    event = (await participation(moderator))["event"]

    def broken(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setitem(exports.RENDERERS, "pdf", broken)
    with pytest.raises(ServiceError) as failed:
        await export_event(organiser, event.id, "pdf")
    assert failed.value.key == "export.failed"

    async def unreadable(*_args):
        raise OSError("database gone")

    monkeypatch.setattr(exports, "collect_export", unreadable)
    with pytest.raises(ServiceError) as failed:
        await export_event(organiser, event.id, "csv")
    assert failed.value.key == "export.failed"
    assert not await ModerationLogEntry.exists(action="export")


async def test_unknown_event_is_refused(team) -> None:
    _, organiser = team
    with pytest.raises(ServiceError) as refused:
        await export_event(organiser, 999, "csv")
    assert refused.value.key == "event_not_found"
    assert not await Event.exists(id=999)


def test_slug_spells_out_umlauts() -> None:
    assert slug("Dortmunder Stadtgespräch – 1. Stadtkonferenz") == "dortmunder-stadtgespraech-1-stadtkonferenz"
    assert slug("„“") == "veranstaltung"
