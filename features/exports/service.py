"""Exports that document the participation for the city council: CSV, JSON and a PDF report.

Organisers only, and every export is written to the audit log (who exported which format, when).

What leaves the app: every contribution of the event in every status (the status is a column),
with its programme item, topic and result, counts and texts. What never leaves it: the browser
id of an author (`author_id`), the draft key (`client_key`), who supported or flagged what, and
any IP address: the query selects only the columns below, so they cannot slip in later. A
withdrawn contribution (its author deleted it) stays a row, without text, title or nickname.

The JSON file is flat on purpose: `contributions` is one list in the order they were written,
and a reply names the comment it answers in `parent_id` (its parent also counts it in
`reply_count`), so a spreadsheet or script reads it without walking a tree.

Reading the database happens on the event loop in chunks (other visitors keep being served);
writing the file happens in a worker thread. Both report their progress to a callback.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tortoise.functions import Count

import locales
from core.clock import utcnow
from core.errors import NotFound, ServiceError
from core.media import stored_path
from features.answers.service import ANSWER_ACTION
from features.exports.council_report import render_pdf
from features.moderation.audit import HELD_AFTER_FLAGS, record
from features.polls.service import PollResults, polls_of, results_of
from features.staff.service import require_role
from models.contribution import Contribution, Status
from models.event import AgendaItem, Event
from models.moderation import Flag, ModerationLogEntry
from models.poll import PollKind
from models.result import Result, ResultImage
from models.staff import Role, StaffAccount
from settings import get_settings

log = logging.getLogger(__name__)

FORMATS = ("csv", "json", "pdf")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json", "pdf": "application/pdf"}
EXPORT_ACTION = "export"  # the audit log's action for an export
# What the report's moderation summary counts: decisions about contributions and the live event.
# Setting up (programme, results, accounts, exports, retention) is logged too, but is no moderation.
MODERATION_ACTIONS = frozenset({
    "approve", "reject", "hide", "restore", "highlight", "unhighlight", "answered", "unanswered", "assign",
    ANSWER_ACTION,
    "assign_result", "mode", "screen", "now", HELD_AFTER_FLAGS, "withdrawn", "blocked_words",
})
CHUNK = 500  # contributions read per query: progress moves, and memory per step stays small
REPLY = "reply"  # the kind shown for a comment that answers another one

# Only these columns are ever read: never author_id, client_key, votes or flags.
_COLUMNS = (
    "id", "created_at", "kind", "status", "channel", "agenda_item_id", "result_id", "parent_id",
    "vote_count", "answered", "highlighted", "nickname", "title", "text", "official_status", "official_text",
)
# (attribute of ExportRow, text key of its header) in the order of the CSV file
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "export.column.id"),
    ("created", "export.column.created"),
    ("kind", "export.column.kind"),
    ("status", "export.column.status"),
    ("channel", "export.column.channel"),
    ("agenda_item", "export.column.agenda_item"),
    ("topic", "export.column.topic"),
    ("result", "export.column.result"),
    ("parent_id", "export.column.parent_id"),
    ("reply_count", "export.column.reply_count"),
    ("vote_count", "export.column.vote_count"),
    ("answered", "export.column.answered"),
    ("highlighted", "export.column.highlighted"),
    ("nickname", "export.column.nickname"),
    ("title", "export.column.title"),
    ("text", "export.column.text"),
    ("official_status", "export.column.official_status"),
    ("official_text", "export.column.official_text"),
)
POLL_COLUMNS = ("question", "kind", "agenda_item", "answer", "votes", "share", "hall", "online")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# dashes NFKC leaves alone that a spreadsheet may still take for a minus
_MINUS_LIKE = {"\u2212", "\u2010", "\u2011", "\u2012", "\u2796"}
# spaces and invisible characters a spreadsheet skips before a formula sign
_INVISIBLE = " \u00a0\u200b\u200c\u200d\u2060\ufeff\u3000"

Progress = Callable[[float, str], None]  # (0.0 … 1.0, step: "collect" | "render" | "done")


@dataclass(frozen=True)
class ExportRow:
    """One contribution as it is documented; `kind` is "reply" for a comment answering another."""

    id: int
    created: str  # ISO 8601 in the event's time zone, with its offset
    kind: str
    status: str
    channel: str
    agenda_item_id: int | None
    agenda_item: str
    topic: str
    result_id: int | None
    result: str
    parent_id: int | None
    reply_count: int
    vote_count: int
    answered: bool
    highlighted: bool
    nickname: str
    title: str
    text: str
    official_status: str = ""  # the city's answer (features.answers): a status value, "" for none
    official_text: str = ""


@dataclass(frozen=True)
class PictureFile:
    path: Path | None  # the stored thumbnail (or the large picture); None when the file is gone
    alt: str


@dataclass(frozen=True)
class AgendaEntry:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class ResultEntry:
    id: int
    topic_id: int
    topic: str
    title: str
    summary: str
    body: str
    agenda_item_id: int | None
    pictures: list[PictureFile]


@dataclass(frozen=True)
class EventEntry:
    id: int
    title: str
    venue: str
    address: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class PollEntry:
    """A poll of the event with its results, as counted when the export was made."""

    id: int
    question: str
    kind: str
    state: str
    agenda_item_id: int | None
    results: PollResults

    def lines(self) -> list[tuple[str, int, int | None, int, int]]:
        """(answer, votes or points, share in percent or None for points, hall, online) per row."""
        whole = self.results.answers.total
        if self.kind == PollKind.SCALE:
            return [(str(point), count.total, count.percent_of(whole), count.hall, count.online)
                    for point, count in self.results.scale]
        if self.kind == PollKind.WORDS:
            return [(word.words, word.count, round(100 * word.count / whole) if whole else 0, 0, 0)
                    for word in self.results.words]
        if self.kind == PollKind.RANKING:
            return [(option.label, option.score, None, option.count.hall, option.count.online)
                    for option in self.results.options]
        return [(option.label, option.count.total, option.count.percent_of(whole), option.count.hall,
                 option.count.online) for option in self.results.options]


@dataclass(frozen=True)
class ExportData:
    """Everything an export needs, read once: the renderers never touch the database."""

    event: EventEntry
    exported_at: datetime  # in the event's time zone
    agenda: list[AgendaEntry]
    results: list[ResultEntry]
    rows: list[ExportRow]
    action_counts: dict[str, int] = field(default_factory=dict)  # moderation log, per action
    flag_count: int = 0  # participants' flags on the event's contributions
    polls: list[PollEntry] = field(default_factory=list)

    def status_counts(self) -> dict[str, int]:
        counts = Counter(row.status for row in self.rows)
        return {status.value: counts.get(status.value, 0) for status in Status}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    data: bytes


def _ignore(_fraction: float, _step: str) -> None:
    return None


def _local(moment: datetime) -> datetime:
    """Stored in UTC (use_tz); a naive value from some driver is UTC too, never the server's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(get_settings().timezone)


async def collect_export(
    actor: StaffAccount | None, event_id: int, progress: Progress = _ignore
) -> ExportData:
    """Read every contribution of the event (all statuses) and what the report says around them."""
    await require_role(actor, Role.ORGANISER)
    event = await Event.get_or_none(id=event_id)
    if event is None:
        raise NotFound("event_not_found")
    progress(0.0, "collect")
    agenda = [
        AgendaEntry(item.id, item.title, _local(item.starts_at), _local(item.ends_at))
        for item in await AgendaItem.filter(event_id=event_id).order_by("starts_at", "position", "id")
    ]
    results = await _results(event_id)
    agenda_titles = {item.id: item.title for item in agenda}
    result_of = {result.id: result for result in results}
    total = max(1, await Contribution.filter(event_id=event_id).count())
    raw: list[dict[str, object]] = []
    last_id = 0
    while True:
        chunk = await Contribution.filter(event_id=event_id, id__gt=last_id).order_by("id").limit(CHUNK).values(
            *_COLUMNS
        )
        if not chunk:
            break
        raw.extend(chunk)
        last_id = int(chunk[-1]["id"])
        progress(min(len(raw) / total, 1.0) * 0.45, "collect")
        await asyncio.sleep(0)  # let the other visitors' requests run between chunks
    replies = Counter(int(item["parent_id"]) for item in raw if item["parent_id"] is not None)  # type: ignore[call-overload]
    rows = [_row(item, replies, agenda_titles, result_of) for item in raw]
    action_rows = await (
        ModerationLogEntry.filter(event_id=event_id, action__in=sorted(MODERATION_ACTIONS))
        .annotate(count=Count("id")).group_by("action").values("action", "count")
    )
    flags = await Flag.filter(contribution__event_id=event_id).count()
    polls = [
        PollEntry(poll.id, poll.question, str(poll.kind), str(poll.state), poll.agenda_item_id, await results_of(poll))
        for poll in await polls_of(event_id)
    ]
    progress(0.5, "collect")
    return ExportData(
        event=EventEntry(event.id, event.title, event.venue, event.address, _local(event.starts_at),
                         _local(event.ends_at)),
        exported_at=_local(utcnow()),
        agenda=agenda,
        results=results,
        rows=rows,
        action_counts={str(row["action"]): int(row["count"]) for row in sorted(action_rows, key=lambda r: r["action"])},
        flag_count=flags,
        polls=polls,
    )


async def _results(event_id: int) -> list[ResultEntry]:
    results = await Result.filter(topic__event_id=event_id).select_related("topic").order_by(
        "topic__position", "topic_id", "position", "id"
    )
    pictures: dict[int, list[PictureFile]] = {}
    for image in await ResultImage.filter(result__topic__event_id=event_id).order_by("position", "id"):
        path = stored_path(image.thumb_name) or stored_path(image.file_name)
        pictures.setdefault(image.result_id, []).append(PictureFile(path, image.alt))
    return [
        ResultEntry(
            id=result.id, topic_id=result.topic.id, topic=result.topic.name, title=result.title,
            summary=result.summary, body=result.body, agenda_item_id=result.agenda_item_id,
            pictures=pictures.get(result.id, []),
        )
        for result in results
    ]


def _row(
    item: dict[str, object], replies: Counter[int], agenda_titles: dict[int, str], result_of: dict[int, ResultEntry]
) -> ExportRow:
    withdrawn = str(item["status"]) == Status.WITHDRAWN
    result = result_of.get(item["result_id"]) if item["result_id"] is not None else None  # type: ignore[arg-type]
    agenda_item_id = item["agenda_item_id"]
    pk = int(item["id"])  # type: ignore[call-overload]
    created = item["created_at"]
    assert isinstance(created, datetime)
    return ExportRow(
        id=pk,
        created=_local(created).isoformat(timespec="seconds"),
        kind=REPLY if item["parent_id"] is not None else str(item["kind"]),
        status=str(item["status"]),
        channel=str(item["channel"]),
        agenda_item_id=agenda_item_id,  # type: ignore[arg-type]
        agenda_item=agenda_titles.get(agenda_item_id, "") if agenda_item_id is not None else "",  # type: ignore[arg-type]
        topic=result.topic if result else "",
        result_id=result.id if result else None,
        result=result.title if result else "",
        parent_id=item["parent_id"],  # type: ignore[arg-type]
        reply_count=replies.get(pk, 0),
        vote_count=int(item["vote_count"]),  # type: ignore[call-overload]
        answered=bool(item["answered"]),
        highlighted=bool(item["highlighted"]),
        nickname="" if withdrawn else str(item["nickname"]),
        title="" if withdrawn else str(item["title"]),
        text="" if withdrawn else str(item["text"]),
        official_status=str(item["official_status"] or ""),
        official_text=str(item["official_text"]),
    )


# --- the files ------------------------------------------------------------------------------------
def neutralised(value: str) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) starts with ' instead.

    Spreadsheets also read look-alikes as these signs (fullwidth ＝＋－＠, small ﹦﹢﹣﹫, the minus
    sign −, and more): the first character is compared after NFKC normalisation, and spaces or
    invisible characters before it do not hide a sign behind them."""
    stripped = value.lstrip(_INVISIBLE)
    first = unicodedata.normalize("NFKC", stripped[:1]) if stripped else ""
    if first.startswith(_FORMULA_START) or first in _MINUS_LIKE:
        return f"'{value}"
    return value


def _cell(language: str, name: str, value: object) -> object:
    if isinstance(value, bool):
        return locales.translate(language, "export.yes" if value else "export.no")
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    if name in ("kind", "status", "channel"):
        return locales.translate(language, f"export.{name}.{value}")
    if name == "official_status":
        return locales.translate(language, f"answers.status.{value}") if value else ""
    return neutralised(str(value))


def render_csv(data: ExportData, language: str = "de", progress: Progress = _ignore) -> bytes:
    """UTF-8 with BOM, semicolons and CRLF: what German Excel opens correctly with a double click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([locales.translate(language, key) for _, key in CSV_COLUMNS])
    total = max(1, len(data.rows))
    for number, row in enumerate(data.rows, start=1):
        writer.writerow([_cell(language, name, getattr(row, name)) for name, _ in CSV_COLUMNS])
        if number % CHUNK == 0:
            progress(number / total, "render")
    if data.polls:  # a second table below the first, after an empty line: one row per answer of a poll
        titles = {item.id: item.title for item in data.agenda}
        writer.writerow([])
        writer.writerow([locales.translate(language, f"export.poll.{name}") for name in POLL_COLUMNS])
        for poll in data.polls:
            item = titles.get(poll.agenda_item_id, "") if poll.agenda_item_id is not None else ""
            for answer, votes, share, hall, online in poll.lines():
                writer.writerow([
                    neutralised(poll.question), locales.translate(language, f"export.poll.kind.{poll.kind}"),
                    neutralised(item), neutralised(answer), votes, "" if share is None else share, hall, online,
                ])
    return buffer.getvalue().encode("utf-8-sig")


def render_json(data: ExportData, language: str = "de", progress: Progress = _ignore) -> bytes:
    """Machine-readable: codes instead of translated words, times in ISO 8601 with their offset."""
    document = {
        "format": "stadtgespraech-export/1",
        "event": {
            "id": data.event.id, "title": data.event.title, "venue": data.event.venue,
            "address": data.event.address, "starts_at": data.event.starts_at.isoformat(),
            "ends_at": data.event.ends_at.isoformat(),
        },
        "exported_at": data.exported_at.isoformat(timespec="seconds"),
        "agenda_items": [
            {"id": item.id, "title": item.title, "starts_at": item.starts_at.isoformat(),
             "ends_at": item.ends_at.isoformat()}
            for item in data.agenda
        ],
        "results": [
            {"id": result.id, "topic": result.topic, "title": result.title, "summary": result.summary,
             "agenda_item_id": result.agenda_item_id}
            for result in data.results
        ],
        "contributions": [asdict(row) for row in data.rows],
        "polls": [
            {"id": poll.id, "question": poll.question, "kind": poll.kind, "state": poll.state,
             "agenda_item_id": poll.agenda_item_id, "answers": asdict(poll.results.answers),
             "options": [{"label": option.label, **asdict(option.count), "points": option.score}
                         for option in poll.results.options],
             "scale": [{"value": point, **asdict(count)} for point, count in poll.results.scale],
             "mean": poll.results.mean,
             "words": [asdict(word) for word in poll.results.words]}
            for poll in data.polls
        ],
    }
    progress(1.0, "render")
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


RENDERERS: dict[str, Callable[[ExportData, str, Progress], bytes]] = {
    "csv": render_csv, "json": render_json, "pdf": render_pdf,
}


def slug(title: str) -> str:
    """A file-name part from the event title: ASCII, lower case, hyphens (Umlaute spelled out)."""
    spelled = title.casefold().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    ascii_only = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:48].strip("-") or "veranstaltung"


def file_name(data: ExportData, fmt: str) -> str:
    return f"{slug(data.event.title)}-{data.exported_at.date().isoformat()}.{fmt}"


async def export_event(
    actor: StaffAccount | None,
    event_id: int,
    fmt: str,
    *,
    language: str = "de",
    progress: Progress = _ignore,
    via: str = "admin",
) -> ExportFile:
    """Build one export file and log it. `progress` is always called on the event loop, also while
    the file is written in a worker thread, so a page may update its elements from it directly."""
    staff = await require_role(actor, Role.ORGANISER)
    if fmt not in FORMATS:
        raise ServiceError("export.bad_format")
    language = language if language in locales.LANGUAGES else locales.DEFAULT_LANGUAGE
    loop = asyncio.get_running_loop()

    def from_thread(fraction: float, step: str) -> None:
        loop.call_soon_threadsafe(progress, 0.5 + min(max(fraction, 0.0), 1.0) * 0.5, step)

    try:
        data = await collect_export(staff, event_id, progress)
        content = await asyncio.to_thread(RENDERERS[fmt], data, language, from_thread)
    except ServiceError:
        raise
    except Exception:  # a bug or a broken database: the organiser reads a clear message, the log has the rest
        log.exception("export of event %s as %s failed", event_id, fmt)
        raise ServiceError("export.failed") from None
    await record(staff, event_id, EXPORT_ACTION, detail=f"{fmt} ({via}, {len(data.rows)})")
    progress(1.0, "done")
    return ExportFile(file_name(data, fmt), MEDIA_TYPES[fmt], content)
