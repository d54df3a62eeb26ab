"""Blocked words: a post that contains one waits in the moderators' queue instead of appearing.

Never dropped: a false alarm ("Arschbombe ins Freibad!") costs one click, while a silently
swallowed post would make its author believe the wall ignores them. Organisers edit the list
per event; until they do, the defaults below apply.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.bus import EVENT_SETTINGS, Signal, bus
from core.errors import NotFound, ServiceError
from features.moderation.audit import record
from features.staff.service import require_role
from models.contribution import Status
from models.event import Event, ModerationMode
from models.staff import Role, StaffAccount

# A word matches at the start of a word, in any case: "idiot" also holds back "Idioten".
DEFAULT_BLOCKED_WORDS = (
    # German
    "arschloch", "wichser", "hurensohn", "fotze", "missgeburt", "schlampe", "spast", "vollidiot",
    "drecksau", "kanake", "neger", "judensau", "sieg heil", "heil hitler", "untermensch",
    # English
    "fuck", "motherfucker", "asshole", "bitch", "cunt", "retard", "nigger", "faggot", "whore",
)
MAX_WORDS = 500
MAX_WORD_LENGTH = 60


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def parse_words(text: str) -> list[str]:
    """One word (or phrase) per line or comma; blanks and repeats dropped, order kept."""
    words: list[str] = []
    for raw in re.split(r"[\n,]", text):
        word = " ".join(_normal(raw).split())
        if word and word not in words:
            words.append(word)
    return words


def words_of(event: Event) -> list[str]:
    return list(DEFAULT_BLOCKED_WORDS) if event.blocked_words is None else parse_words(event.blocked_words)


@lru_cache(maxsize=32)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(word)}" for word in words))


def blocked_word_in(text: str, words: list[str]) -> str | None:
    """The first blocked word `text` contains, or None."""
    pattern = _pattern(tuple(words))
    found = pattern.search(_normal(text)) if pattern is not None else None
    return found.group(0) if found else None


async def moderation_status_for(event: Event, body: str) -> Status:
    """Pending when the event is pre-moderated or the text contains a blocked word, else published."""
    if event.moderation_mode == ModerationMode.PRE or blocked_word_in(body, words_of(event)):
        return Status.PENDING
    return Status.PUBLISHED


async def set_blocked_words(actor: StaffAccount | None, event_id: int, text: str) -> list[str]:
    """Organisers replace the list (an empty text blocks nothing). Logged like every decision."""
    staff = await require_role(actor, Role.ORGANISER)
    words = parse_words(text)
    if len(words) > MAX_WORDS or any(len(word) > MAX_WORD_LENGTH for word in words):
        raise ServiceError("filters.too_long", limit=MAX_WORDS, length=MAX_WORD_LENGTH)
    async with bus().transaction() as publication:
        event = await Event.get_or_none(id=event_id).select_for_update()
        if event is None:
            raise NotFound("event_not_found")
        event.blocked_words = "\n".join(words)
        await event.save(update_fields=["blocked_words", "updated_at"])
        await record(staff, event_id, "blocked_words", detail=str(len(words)))
        await publication.publish(Signal(EVENT_SETTINGS, event_id))
    return words
