"""The event as one file: its whole setup as JSON, written out and read back (docs/event-file.md).

Organisers prepare an event ahead of time or start from last year's; operators set up test
events. What the file holds: the event with its times and phases, its texts in German and
English, venue, links, easy-language texts, moderation and screen mode, blocked words, the
programme, the topics and their results with their pictures' alt texts. What it never holds:
contributions, staff accounts, the logs (people's words and accounts stay in their database).

The pictures are written beside the JSON, into a folder `<name>-bilder/` the JSON names them in,
rather than embedded: the JSON stays readable and small, and it comes out the same after an
import and a second export, which base64 of a re-encoded JPEG never would. Reading a picture
back goes through core.media (decoded, checked and re-encoded), so a file cannot smuggle anything.

Reading a file checks every field first and reports every wrong one with where it is
(`agenda[2].ends_at: …`); nothing is written then. Pictures are decoded next, and only when all
of them are fine is the event written, in one transaction: it appears whole or not at all.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import locales
from core.bus import EVENT_SETTINGS, Signal, bus
from core.errors import NotFound, ServiceError
from core.media import MAX_UPLOAD_BYTES, StoredImage, discard, store_image_async, stored_path
from core.text_input import clean_text
from features.admin.event_setup import (
    ADDRESS_MAX,
    EVENT_DESCRIPTION_MAX,
    EVENT_TITLE_MAX,
    ITEM_DESCRIPTION_MAX,
    ITEM_LONGEST,
    ITEM_TITLE_MAX,
    LOCATION_MAX,
    SPEAKERS_MAX,
    URL_MAX,
    VENUE_MAX,
)
from features.agenda.service import current_event
from features.home.livestream_url import livestream_url_allowed
from features.moderation.audit import record
from features.moderation.filters import MAX_WORD_LENGTH, MAX_WORDS, parse_words
from features.polls.service import CheckedDraft, PollDraft, check_draft, polls_of, store_options
from features.results.service import RESULT_BODY_MAX_LENGTH
from features.screen.service import PAUSE_TEXT_MAX_LENGTH
from models.event import AgendaItem, Event, ModerationMode, ScreenMode, ScreenSource
from models.poll import Poll, PollKind, ResultsVisibility
from models.result import (
    ALT_TEXT_MAX_LENGTH,
    RESULT_SUMMARY_MAX_LENGTH,
    RESULT_TITLE_MAX_LENGTH,
    TOPIC_NAME_MAX_LENGTH,
    Result,
    ResultImage,
    Topic,
)
from settings import get_settings

FORMAT = "stadtgespraech-event"
VERSION = 1
PICTURES_SUFFIX = "-bilder"  # the folder beside the JSON: "stadtkonferenz.json" -> "stadtkonferenz-bilder/"
EASY_LANGUAGE_MAX = EVENT_DESCRIPTION_MAX
IMPORT_ACTION = "event_import"  # the audit log's action for an imported event
_COLOUR_DIGITS = set("0123456789abcdef")


# --- what goes wrong, and where ------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One wrong field: where it is in the file (`agenda[2].ends_at`) and a text key saying why."""

    path: str
    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, language: str = locales.DEFAULT_LANGUAGE) -> str:
        text = locales.translate(language, self.key, **self.params)
        return f"{self.path}: {text}" if self.path else text


class EventFileInvalid(ServiceError):
    """The file was refused; `problems` names every wrong field. Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("eventfile.invalid", count=len(problems))
        self.problems = problems


# --- writing the file ----------------------------------------------------------------------------
@dataclass(frozen=True)
class WrittenEventFile:
    path: Path
    size: int
    pictures: int
    missing_pictures: list[str]  # paths in the file of pictures whose stored image was gone


def _moment(value: datetime | None) -> str | None:
    """ISO 8601 in the event's time zone with its offset: readable, and exact when read back."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(get_settings().timezone).isoformat(timespec="seconds")


def pictures_folder(out: Path) -> str:
    return f"{out.stem}{PICTURES_SUFFIX}"


async def event_document(event: Event, folder: str) -> tuple[dict[str, Any], dict[str, Path], list[str]]:
    """The JSON of one event, the picture files it names (name in the file -> stored image), and
    the pictures left out because their stored file is gone."""
    items = list(await AgendaItem.filter(event_id=event.id).order_by("starts_at", "position", "id"))
    index_of = {item.id: number for number, item in enumerate(items)}
    topics = list(await Topic.filter(event_id=event.id).order_by("position", "id"))
    results = list(await Result.filter(topic__event_id=event.id).order_by("position", "id"))
    images = list(await ResultImage.filter(result__topic__event_id=event.id).order_by("position", "id"))
    files: dict[str, Path] = {}
    missing: list[str] = []
    topic_list: list[dict[str, Any]] = []
    for topic_number, topic in enumerate(topics):
        result_list: list[dict[str, Any]] = []
        for result_number, result in enumerate(r for r in results if r.topic_id == topic.id):
            picture_list: list[dict[str, Any]] = []
            for image in (i for i in images if i.result_id == result.id):
                source = stored_path(image.file_name)
                path = f"topics[{topic_number}].results[{result_number}].pictures[{len(picture_list)}]"
                if source is None:
                    missing.append(path)
                    continue
                name = f"{folder}/{topic_number + 1}-{result_number + 1}-{len(picture_list) + 1}.jpg"
                files[name] = source
                picture_list.append({"file": name, "alt": image.alt, "alt_en": image.alt_en})
            result_list.append({
                "title": result.title, "title_en": result.title_en,
                "summary": result.summary, "summary_en": result.summary_en,
                "body": result.body, "body_en": result.body_en,
                "agenda_item": index_of.get(result.agenda_item_id) if result.agenda_item_id is not None else None,
                "pictures": picture_list,
            })
        topic_list.append({"name": topic.name, "name_en": topic.name_en, "colour": topic.colour,
                           "results": result_list})
    document = {
        "format": FORMAT,
        "version": VERSION,
        "event": {
            "title": event.title, "title_en": event.title_en,
            "description": event.description, "description_en": event.description_en,
            "venue": event.venue, "address": event.address,
            "starts_at": _moment(event.starts_at), "ends_at": _moment(event.ends_at),
            "participation_opens_at": _moment(event.participation_opens_at),
            "participation_closes_at": _moment(event.participation_closes_at),
            "wall_open_after_event": event.wall_open_after_event,
            "livestream_url": event.livestream_url, "captions_url": event.captions_url,
            "sign_language_url": event.sign_language_url,
            "public_url": event.public_url, "imprint_url": event.imprint_url, "privacy_url": event.privacy_url,
            "easy_language_text": event.easy_language_text, "easy_language_text_en": event.easy_language_text_en,
            "moderation_mode": str(event.moderation_mode), "screen_mode": str(event.screen_mode),
            "screen_source": str(event.screen_source), "screen_show_support": event.screen_show_support,
            "screen_pause_text": event.screen_pause_text,
            "blocked_words": None if event.blocked_words is None else parse_words(event.blocked_words),
        },
        "agenda": [
            {"starts_at": _moment(item.starts_at), "ends_at": _moment(item.ends_at),
             "title": item.title, "title_en": item.title_en,
             "description": item.description, "description_en": item.description_en,
             "speakers": item.speakers, "location": item.location}
            for item in items
        ],
        "topics": topic_list,
        "polls": [_poll_entry(poll, index_of) for poll in await polls_of(event.id)],
    }
    return document, files, missing


def _poll_entry(poll: Poll, index_of: dict[int, int]) -> dict[str, Any]:
    """A prepared poll, without its state or answers: an imported poll starts as a draft."""
    return {
        "kind": str(poll.kind), "question": poll.question, "question_en": poll.question_en,
        "options": [{"label": option.label, "label_en": option.label_en} for option in poll.options],
        "max_choices": poll.max_choices, "scale_min": poll.scale_min, "scale_max": poll.scale_max,
        "scale_min_label": poll.scale_min_label, "scale_min_label_en": poll.scale_min_label_en,
        "scale_max_label": poll.scale_max_label, "scale_max_label_en": poll.scale_max_label_en,
        "results_visibility": str(poll.results_visibility),
        "agenda_item": index_of.get(poll.agenda_item_id) if poll.agenda_item_id is not None else None,
    }


def encode(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


async def write_event_file(out: Path, event_id: int | None = None) -> WrittenEventFile:
    """Write the event (the shown one unless `event_id`) to `out`, its pictures beside it.

    Both appear whole or not at all: the pictures go into a hidden folder that replaces the old
    one when complete, the JSON into a hidden file that replaces `out` last.
    """
    event = await (Event.get_or_none(id=event_id) if event_id is not None else current_event())
    if event is None:
        raise NotFound("event_not_found")
    folder = pictures_folder(out)
    document, files, missing = await event_document(event, folder)
    data = encode(document)
    partial = out.with_name(f".{out.name}.part")
    partial.write_bytes(data)
    if files:
        _replace_folder(out.parent / folder, files)
    partial.replace(out)
    return WrittenEventFile(out, len(data), len(files), missing)


def _replace_folder(target: Path, files: dict[str, Path]) -> None:
    building = target.with_name(f".{target.name}.part")
    old = target.with_name(f".{target.name}.old")
    for leftover in (building, old):
        shutil.rmtree(leftover, ignore_errors=True)
    building.mkdir()
    for name, source in files.items():
        shutil.copyfile(source, building / Path(name).name)
    if target.exists():
        target.replace(old)
    building.replace(target)
    shutil.rmtree(old, ignore_errors=True)


# --- reading the file: every field checked, every problem named ---------------------------------
_MISSING = object()


class _Reader:
    """Reads one part of the document after another, noting every wrong field instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, key: str, **params: object) -> None:
        self.problems.append(Problem(path, f"eventfile.problem.{key}", params))

    def fields(self, value: object, path: str, known: set[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, "not_an_object")
            return None
        for name in value:
            if name not in known:
                self.fail(f"{path}.{name}" if path else str(name), "unknown_field")
        return value

    def items(self, data: dict[str, Any], name: str, path: str) -> list[Any]:
        value = data.get(name, [])
        if not isinstance(value, list):
            self.fail(f"{path}.{name}" if path else name, "not_a_list")
            return []
        return value

    def text(self, data: dict[str, Any], name: str, path: str, limit: int, *,
             required: bool = False, multiline: bool = True) -> str:
        where = f"{path}.{name}"
        value = data.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.fail(where, "missing")
            return ""
        if not isinstance(value, str):
            self.fail(where, "not_text")
            return ""
        clean = clean_text(value, multiline=multiline)
        if required and not clean:
            self.fail(where, "empty")
        elif len(clean) > limit:
            self.fail(where, "too_long", limit=limit, length=len(clean))
        return clean

    def moment(self, data: dict[str, Any], name: str, path: str, *, required: bool = True) -> datetime | None:
        where = f"{path}.{name}"
        value = data.get(name)
        if value is None:
            if required:
                self.fail(where, "missing")
            return None
        if not isinstance(value, str):
            self.fail(where, "not_a_time")
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.fail(where, "not_a_time")
            return None
        if moment.tzinfo is None:
            self.fail(where, "no_offset")
            return None
        return moment.astimezone(UTC)

    def span(self, data: dict[str, Any], path: str) -> tuple[datetime | None, datetime | None]:
        start, end = self.moment(data, "starts_at", path), self.moment(data, "ends_at", path)
        if start is not None and end is not None and end <= start:
            self.fail(f"{path}.ends_at", "ends_before_start")
        return start, end

    def flag(self, data: dict[str, Any], name: str, path: str) -> bool:
        value = data.get(name, False)
        if not isinstance(value, bool):
            self.fail(f"{path}.{name}", "not_a_boolean")
            return False
        return value

    def choice(self, data: dict[str, Any], name: str, path: str, choices: type[StrEnum], default: str) -> str:
        value = data.get(name, default)
        allowed = [str(option) for option in choices]
        if value not in allowed:
            self.fail(f"{path}.{name}", "not_one_of", choices=", ".join(allowed))
            return default
        return str(value)

    def address(self, data: dict[str, Any], name: str, path: str, allowed: Callable[[str], bool]) -> str:
        value = self.text(data, name, path, URL_MAX, multiline=False)
        if value and not allowed(value):
            self.fail(f"{path}.{name}", f"bad_{name}" if name == "livestream_url" else "bad_address")
            return ""
        return value


def _web_address(url: str, *, https_only: bool = False) -> bool:
    """A complete http(s) address (only https where a browser fetches it itself): never
    javascript:, data:, a path or an address with a password in it."""
    parsed = urlparse(url)
    schemes = ("https",) if https_only else ("http", "https")
    return (
        not any(char.isspace() for char in url) and parsed.scheme in schemes and bool(parsed.hostname)
        and not parsed.username and not parsed.password
    )


@dataclass
class _Picture:
    path: str  # where it is in the file, for a message
    source: Path | None
    alt: str
    alt_en: str
    stored: StoredImage | None = None


@dataclass
class _Result:
    values: dict[str, Any]
    agenda_index: int | None
    pictures: list[_Picture]


@dataclass
class _Topic:
    values: dict[str, Any]
    results: list[_Result]


@dataclass
class _Poll:
    checked: CheckedDraft
    agenda_index: int | None


@dataclass
class _Setup:
    event: dict[str, Any]
    agenda: list[dict[str, Any]]
    topics: list[_Topic]
    polls: list[_Poll] = field(default_factory=list)


_DOCUMENT_FIELDS = {"format", "version", "event", "agenda", "topics", "polls"}
_POLL_FIELDS = {
    "kind", "question", "question_en", "options", "max_choices", "scale_min", "scale_max", "scale_min_label",
    "scale_min_label_en", "scale_max_label", "scale_max_label_en", "results_visibility", "agenda_item",
}
_OPTION_FIELDS = {"label", "label_en"}
_EVENT_FIELDS = {
    "title", "title_en", "description", "description_en", "venue", "address", "starts_at", "ends_at",
    "participation_opens_at", "participation_closes_at", "wall_open_after_event", "livestream_url",
    "captions_url", "sign_language_url", "public_url", "imprint_url", "privacy_url", "easy_language_text",
    "easy_language_text_en", "moderation_mode", "screen_mode", "screen_source", "screen_show_support",
    "screen_pause_text", "blocked_words",
}
_AGENDA_FIELDS = {"starts_at", "ends_at", "title", "title_en", "description", "description_en", "speakers", "location"}
_TOPIC_FIELDS = {"name", "name_en", "colour", "results"}
_RESULT_FIELDS = {"title", "title_en", "summary", "summary_en", "body", "body_en", "agenda_item", "pictures"}
_PICTURE_FIELDS = {"file", "alt", "alt_en"}


def parse_document(data: bytes) -> object:
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise EventFileInvalid([Problem("", "eventfile.problem.not_utf8")]) from None
    except json.JSONDecodeError as error:
        raise EventFileInvalid(
            [Problem("", "eventfile.problem.not_json", {"line": error.lineno, "column": error.colno})]
        ) from None


def read_setup(document: object, base: Path) -> _Setup:
    """Every field of the document checked; EventFileInvalid names all wrong ones at once."""
    reader = _Reader()
    if not isinstance(document, dict):
        reader.fail("", "not_an_object")
        raise EventFileInvalid(reader.problems)
    if document.get("format") != FORMAT:
        reader.fail("format", "bad_format", expected=FORMAT)
    elif document.get("version") != VERSION:
        reader.fail("version", "bad_version", supported=VERSION)
    if reader.problems:  # another kind of file: its other fields would only produce noise
        raise EventFileInvalid(reader.problems)
    top = reader.fields(document, "", _DOCUMENT_FIELDS) or {}
    event = _read_event(reader, top.get("event", _MISSING))
    agenda = [
        _read_item(reader, raw, f"agenda[{number}]") for number, raw in enumerate(reader.items(top, "agenda", ""))
    ]
    topics = [
        _read_topic(reader, raw, f"topics[{number}]", len(agenda), base)
        for number, raw in enumerate(reader.items(top, "topics", ""))
    ]
    polls = [
        _read_poll(reader, raw, f"polls[{number}]", len(agenda))
        for number, raw in enumerate(reader.items(top, "polls", ""))
    ]
    if reader.problems:
        raise EventFileInvalid(reader.problems)
    return _Setup(event, agenda, topics, [poll for poll in polls if poll is not None])  # type: ignore[arg-type]


def _read_event(reader: _Reader, raw: object) -> dict[str, Any]:
    path = "event"
    if raw is _MISSING:
        reader.fail(path, "missing")
        return {}
    data = reader.fields(raw, path, _EVENT_FIELDS)
    if data is None:
        return {}
    values: dict[str, Any] = {
        "title": reader.text(data, "title", path, EVENT_TITLE_MAX, required=True, multiline=False),
        "title_en": reader.text(data, "title_en", path, EVENT_TITLE_MAX, multiline=False),
        "description": reader.text(data, "description", path, EVENT_DESCRIPTION_MAX),
        "description_en": reader.text(data, "description_en", path, EVENT_DESCRIPTION_MAX),
        "venue": reader.text(data, "venue", path, VENUE_MAX, multiline=False),
        "address": reader.text(data, "address", path, ADDRESS_MAX, multiline=False),
    }
    values["starts_at"], values["ends_at"] = reader.span(data, path)
    opens = reader.moment(data, "participation_opens_at", path, required=False)
    closes = reader.moment(data, "participation_closes_at", path, required=False)
    if opens is not None and closes is not None and closes <= opens:
        reader.fail(f"{path}.participation_closes_at", "closes_before_opens")
    values.update({
        "participation_opens_at": opens, "participation_closes_at": closes,
        "wall_open_after_event": reader.flag(data, "wall_open_after_event", path),
        "livestream_url": reader.address(data, "livestream_url", path, livestream_url_allowed),
        "captions_url": reader.address(data, "captions_url", path, lambda url: _web_address(url, https_only=True)),
        "sign_language_url": reader.address(
            data, "sign_language_url", path, lambda url: _web_address(url, https_only=True)
        ),
        "public_url": reader.address(data, "public_url", path, _web_address).rstrip("/"),
        "imprint_url": reader.address(data, "imprint_url", path, _web_address),
        "privacy_url": reader.address(data, "privacy_url", path, _web_address),
        "easy_language_text": reader.text(data, "easy_language_text", path, EASY_LANGUAGE_MAX),
        "easy_language_text_en": reader.text(data, "easy_language_text_en", path, EASY_LANGUAGE_MAX),
        "moderation_mode": reader.choice(data, "moderation_mode", path, ModerationMode, ModerationMode.POST),
        "screen_mode": reader.choice(data, "screen_mode", path, ScreenMode, ScreenMode.WALL),
        "screen_source": reader.choice(data, "screen_source", path, ScreenSource, ScreenSource.PICKED),
        "screen_show_support": reader.flag(data, "screen_show_support", path),
        "screen_pause_text": reader.text(data, "screen_pause_text", path, PAUSE_TEXT_MAX_LENGTH, multiline=False),
        "blocked_words": _read_words(reader, data.get("blocked_words"), f"{path}.blocked_words"),
    })
    return values


def _read_words(reader: _Reader, value: object, path: str) -> str | None:
    """None keeps the defaults of features.moderation.filters; a list replaces them."""
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        reader.fail(path, "not_a_list_of_texts")
        return None
    words = parse_words("\n".join(value))
    if len(words) > MAX_WORDS:
        reader.fail(path, "too_many", limit=MAX_WORDS)
    for number, word in enumerate(words):
        if len(word) > MAX_WORD_LENGTH:
            reader.fail(f"{path}[{number}]", "too_long", limit=MAX_WORD_LENGTH, length=len(word))
    return "\n".join(words)


def _read_item(reader: _Reader, raw: object, path: str) -> dict[str, Any]:
    data = reader.fields(raw, path, _AGENDA_FIELDS)
    if data is None:
        return {}
    start, end = reader.span(data, path)
    if start is not None and end is not None and end - start > ITEM_LONGEST:
        reader.fail(f"{path}.ends_at", "item_too_long", hours=int(ITEM_LONGEST / timedelta(hours=1)))
    return {
        "starts_at": start, "ends_at": end,
        "title": reader.text(data, "title", path, ITEM_TITLE_MAX, required=True, multiline=False),
        "title_en": reader.text(data, "title_en", path, ITEM_TITLE_MAX, multiline=False),
        "description": reader.text(data, "description", path, ITEM_DESCRIPTION_MAX),
        "description_en": reader.text(data, "description_en", path, ITEM_DESCRIPTION_MAX),
        "speakers": reader.text(data, "speakers", path, SPEAKERS_MAX, multiline=False),
        "location": reader.text(data, "location", path, LOCATION_MAX, multiline=False),
    }


def _read_topic(reader: _Reader, raw: object, path: str, agenda_length: int, base: Path) -> _Topic:
    data = reader.fields(raw, path, _TOPIC_FIELDS)
    if data is None:
        return _Topic({}, [])
    colour = data.get("colour", "#1e3a8a")
    if not (isinstance(colour, str) and len(colour) == 7 and colour[0] == "#"
            and set(colour[1:].lower()) <= _COLOUR_DIGITS):
        reader.fail(f"{path}.colour", "bad_colour")
        colour = "#1e3a8a"
    values = {
        "name": reader.text(data, "name", path, TOPIC_NAME_MAX_LENGTH, required=True, multiline=False),
        "name_en": reader.text(data, "name_en", path, TOPIC_NAME_MAX_LENGTH, multiline=False),
        "colour": colour.lower(),
    }
    results = [
        _read_result(reader, item, f"{path}.results[{number}]", agenda_length, base)
        for number, item in enumerate(reader.items(data, "results", path))
    ]
    return _Topic(values, results)


def _agenda_index(reader: _Reader, data: dict[str, Any], path: str, agenda_length: int) -> int | None:
    """The programme item a result or poll belongs to, as its place in the file's agenda."""
    index = data.get("agenda_item")
    if index is not None and (isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < agenda_length):
        if agenda_length:
            reader.fail(f"{path}.agenda_item", "bad_agenda_item", last=agenda_length - 1)
        else:
            reader.fail(f"{path}.agenda_item", "no_agenda")
        return None
    return index


def _read_result(reader: _Reader, raw: object, path: str, agenda_length: int, base: Path) -> _Result:
    data = reader.fields(raw, path, _RESULT_FIELDS)
    if data is None:
        return _Result({}, None, [])
    values = {
        "title": reader.text(data, "title", path, RESULT_TITLE_MAX_LENGTH, required=True, multiline=False),
        "title_en": reader.text(data, "title_en", path, RESULT_TITLE_MAX_LENGTH, multiline=False),
        "summary": reader.text(data, "summary", path, RESULT_SUMMARY_MAX_LENGTH),
        "summary_en": reader.text(data, "summary_en", path, RESULT_SUMMARY_MAX_LENGTH),
        "body": reader.text(data, "body", path, RESULT_BODY_MAX_LENGTH),
        "body_en": reader.text(data, "body_en", path, RESULT_BODY_MAX_LENGTH),
    }
    index = _agenda_index(reader, data, path, agenda_length)
    pictures = [
        _read_picture(reader, item, f"{path}.pictures[{number}]", base)
        for number, item in enumerate(reader.items(data, "pictures", path))
    ]
    return _Result(values, index, pictures)


def _read_poll(reader: _Reader, raw: object, path: str, agenda_length: int) -> _Poll | None:
    """A poll is checked by the polls service's own rules (features.polls.service.check_draft)."""
    data = reader.fields(raw, path, _POLL_FIELDS)
    if data is None:
        return None
    kind = reader.choice(data, "kind", path, PollKind, "")
    visibility = reader.choice(data, "results_visibility", path, ResultsVisibility, ResultsVisibility.LIVE.value)
    options = [reader.fields(option, f"{path}.options[{n}]", _OPTION_FIELDS) or {}
               for n, option in enumerate(reader.items(data, "options", path))]
    numbers = {}
    for name, default in (("max_choices", 1), ("scale_min", 1), ("scale_max", 5)):
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            reader.fail(f"{path}.{name}", "not_a_number")
            value = default
        numbers[name] = value
    texts = {name: data.get(name, "") for name in _POLL_FIELDS if name.startswith("question") or "label" in name}
    if any(not isinstance(value, str) for value in texts.values()) or any(
        not isinstance(option.get(name, ""), str) for option in options for name in _OPTION_FIELDS
    ):
        reader.fail(path, "not_text")
        return None
    index = _agenda_index(reader, data, path, agenda_length)
    if not kind:
        return None
    draft = PollDraft(
        kind=PollKind(kind), options=tuple(str(option.get("label", "")) for option in options),
        options_en=tuple(str(option.get("label_en", "")) for option in options),
        results_visibility=ResultsVisibility(visibility), **numbers, **texts,  # type: ignore[arg-type]
    )
    try:
        return _Poll(check_draft(draft), index)
    except ServiceError as error:
        reader.problems.append(Problem(path, f"error.{error.key}", error.params))
        return None


def _read_picture(reader: _Reader, raw: object, path: str, base: Path) -> _Picture:
    data = reader.fields(raw, path, _PICTURE_FIELDS)
    if data is None:
        return _Picture(path, None, "", "")
    alt = reader.text(data, "alt", path, ALT_TEXT_MAX_LENGTH, required=True, multiline=False)
    alt_en = reader.text(data, "alt_en", path, ALT_TEXT_MAX_LENGTH, multiline=False)
    return _Picture(path, _picture_source(reader, data.get("file"), f"{path}.file", base), alt, alt_en)


def _picture_source(reader: _Reader, name: object, path: str, base: Path) -> Path | None:
    """The picture file, only inside the folder of the JSON: a name like ../../etc/passwd or an
    absolute path is refused, not followed."""
    if name is None:
        reader.fail(path, "missing")
        return None
    if not isinstance(name, str) or not name.strip():
        reader.fail(path, "not_text")
        return None
    root = base.resolve()
    source = (root / name).resolve()
    if Path(name).is_absolute() or not source.is_relative_to(root):
        reader.fail(path, "outside_folder")
        return None
    if not source.is_file():
        reader.fail(path, "no_such_file", name=name)
        return None
    if source.stat().st_size > MAX_UPLOAD_BYTES:
        reader.fail(path, "picture_too_large", limit=MAX_UPLOAD_BYTES // (1024 * 1024))
        return None
    return source


# --- writing the event into the database -------------------------------------------------------
async def import_event_file(source: Path, *, via: str = "cli") -> Event:
    """Read an event file (and its pictures beside it) into the database as a new event."""
    return await import_event(source.read_bytes(), source.parent, via=f"{via}, {source.name}")


async def import_event(data: bytes, base: Path, *, via: str = "cli") -> Event:
    """The event of `data` (pictures named relative to `base`), written whole or not at all."""
    setup = read_setup(parse_document(data), base)
    pictures = [picture for topic in setup.topics for result in topic.results for picture in result.pictures]
    try:
        await _store_pictures(pictures)
        return await _write(setup, via)
    except BaseException:
        for picture in pictures:
            if picture.stored is not None:
                discard(picture.stored)
        raise


async def _store_pictures(pictures: list[_Picture]) -> None:
    problems: list[Problem] = []
    for picture in pictures:
        assert picture.source is not None
        try:
            picture.stored = await store_image_async(picture.source.read_bytes())
        except ServiceError as error:
            problems.append(Problem(f"{picture.path}.file", f"error.{error.key}", error.params))
        except OSError as error:
            problems.append(Problem(f"{picture.path}.file", "eventfile.problem.unreadable",
                                    {"reason": error.strerror or str(error)}))
    if problems:
        raise EventFileInvalid(problems)


async def _write(setup: _Setup, via: str) -> Event:
    async with bus().transaction() as publication:
        title, starts_at = setup.event["title"], setup.event["starts_at"]
        if (twin := await Event.filter(title=title, starts_at=starts_at).first()) is not None:
            raise EventFileInvalid([Problem("event", "eventfile.problem.already_there", {"id": twin.id})])
        event = await Event.create(**setup.event)
        items = [
            await AgendaItem.create(event_id=event.id, position=position, **values)
            for position, values in enumerate(setup.agenda)
        ]
        for topic_position, topic in enumerate(setup.topics):
            stored_topic = await Topic.create(event_id=event.id, position=topic_position, **topic.values)
            for result_position, result in enumerate(topic.results):
                stored_result = await Result.create(
                    topic_id=stored_topic.id, position=result_position,
                    agenda_item_id=items[result.agenda_index].id if result.agenda_index is not None else None,
                    **result.values,
                )
                for image_position, picture in enumerate(result.pictures):
                    assert picture.stored is not None
                    await ResultImage.create(
                        result_id=stored_result.id, position=image_position, alt=picture.alt,
                        alt_en=picture.alt_en, **picture.stored.__dict__,
                    )
        for position, poll in enumerate(setup.polls):
            values = dict(poll.checked.fields)
            values["agenda_item_id"] = items[poll.agenda_index].id if poll.agenda_index is not None else None
            stored_poll = await Poll.create(event_id=event.id, position=position, **values)
            await store_options(stored_poll, poll.checked.options)
        await record(None, event.id, IMPORT_ACTION, detail=via)
        await publication.publish(Signal(EVENT_SETTINGS, event.id))
    return event
