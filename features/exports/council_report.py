"""The PDF report for the city council: what was said, by programme item and by result.

Built from an `ExportData` snapshot (features.exports.service), never from the database, so it runs in a
worker thread. Only published contributions appear in the report's body; the moderation summary
at the end counts every status, the moderation log's decisions and the participants' reports.

Text is set in the bundled DejaVu Sans (features/exports/fonts, with its licence), so Umlaute, „“, – and
most alphabets print. A character the font has no glyph for (an emoji, say) is replaced by �
instead of failing the export. Participant text is only ever set as plain text: nothing in it is
read as markup.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

import locales
from models.contribution import Kind, Status

if TYPE_CHECKING:
    from features.exports.service import ExportData, ExportRow, PollEntry, ResultEntry

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu"
REPLACEMENT = "\ufffd"
PICTURE_WIDTH = 90  # mm: the thumbnail (480 px) prints at about 135 dpi
INDENT = 8  # mm, for replies
BLUE = (30, 58, 138)  # the gallery's default topic colour, dark enough for text
GREY = (71, 85, 105)


@cache
def _glyphs() -> frozenset[int]:
    """Code points both fonts can draw."""
    maps = [TTFont(path, lazy=True)["cmap"].getBestCmap() for path in (REGULAR, BOLD)]
    return frozenset(maps[0]) & frozenset(maps[1])


def printable(text: str) -> str:
    """The text as the fonts can set it: missing glyphs become �, control characters go (tabs: a space)."""
    glyphs = _glyphs()
    out = []
    for char in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "):
        if char == "\n":
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        elif ord(char) in glyphs:
            out.append(char)
        elif not out or out[-1] != REPLACEMENT:  # a run of emoji (or a flag) is one mark
            out.append(REPLACEMENT)
    return "".join(out)


class _Report(FPDF):
    """A4 portrait with page numbers ("Seite 2 von 9") in the footer."""

    def __init__(self, language: str, event_title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.language = language
        self.event_title = event_title
        self.add_font(FAMILY, "", str(REGULAR))
        self.add_font(FAMILY, "B", str(BOLD))
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        page = locales.translate(self.language, "report.page", page=self.page_no(), pages="{nb}")
        self.cell(0, 5, printable(f"{self.event_title} · {page}"), align="C")
        self.set_text_color(0, 0, 0)


class _Writer:
    """Sets the report's parts; one method per kind of block."""

    def __init__(self, data: ExportData, language: str) -> None:
        self.data = data
        self.language = language
        self.pdf = _Report(language, data.event.title)
        self.pdf.set_title(printable(f"{self.t('report.title')}: {data.event.title}"))
        self.pdf.set_lang(language)
        self.pdf.set_creator("Stadtgespräch")
        published = [row for row in data.rows if row.status == Status.PUBLISHED]
        self.replies: dict[int, list[ExportRow]] = {}
        for row in published:
            if row.parent_id is not None:
                self.replies.setdefault(row.parent_id, []).append(row)
        self.top_level = [row for row in published if row.parent_id is None]

    def t(self, key: str, **params: object) -> str:
        return locales.translate(self.language, key, **params)

    # --- building blocks ---
    def heading(self, text: str, level: int) -> None:
        size = (18, 14, 12)[min(level, 2)]
        if self.pdf.will_page_break(size * 1.5):
            self.pdf.add_page()
        self.pdf.start_section(printable(text)[:200] or "-", level=level)
        self.pdf.ln(3 if level else 1)
        self.pdf.set_font(FAMILY, "B", size)
        self.pdf.set_text_color(*BLUE)
        self.text(text, size * 0.5)
        self.pdf.set_text_color(0, 0, 0)
        self.pdf.ln(1)

    def text(self, text: str, height: float = 5.0, *, indent: float = 0) -> None:
        """Plain text, wrapped at spaces (a word wider than the line at characters).

        Wrapped here, one width per word, instead of with fpdf2's multi_cell, which measures the
        whole line again for every character: ten times slower for a report of thousands of posts.
        """
        width = self.pdf.epw - indent
        for line in self.lines(printable(text), width - 2 * self.pdf.c_margin):
            self.pdf.set_x(self.pdf.l_margin + indent)
            self.pdf.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def measure(self, text: str) -> float:
        """The width of `text` in mm, as fpdf2's get_string_width (no shaping, no spacing) without
        its per-call overhead: the font's advance widths are per 1000 units of the font size."""
        widths = self.pdf.current_font.cw
        return sum(widths[ord(char)] for char in text) * self.pdf.font_size_pt * 0.001 / self.pdf.k

    def lines(self, text: str, width: float) -> list[str]:
        measure = self.measure
        space = measure(" ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = measure(word)
                if line and used + space + size <= width:
                    line, used = f"{line} {word}", used + space + size
                    continue
                if line:
                    lines.append(line)
                while size > width:  # longer than a line: cut it where it overflows
                    cut = self._fitting(word, width)
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = measure(word)
                line, used = word, size
            lines.append(line)
        return lines

    def _fitting(self, word: str, width: float) -> int:
        """How many characters of `word` fit in `width` (at least one)."""
        used = 0.0
        for index, char in enumerate(word):
            used += self.measure(char)
            if used > width:
                return max(1, index)
        return len(word)

    def note(self, text: str, *, indent: float = 0) -> None:
        self.pdf.set_font(FAMILY, "", 9)
        self.pdf.set_text_color(*GREY)
        self.text(text, 4.5, indent=indent)
        self.pdf.set_text_color(0, 0, 0)

    def when(self, moment: datetime) -> str:
        return locales.format_time(self.language, moment, moment.tzinfo)  # type: ignore[arg-type]

    def day(self, moment: datetime) -> str:
        return locales.format_date(self.language, moment, moment.tzinfo)  # type: ignore[arg-type]

    def byline(self, row: ExportRow) -> str:
        created = datetime.fromisoformat(row.created)
        parts = [row.nickname or self.t("export.anonymous"), f"{created:%d.%m.%Y} {self.when(created)}"]
        if row.kind != "reply":
            parts.append(self.t("report.support", count=row.vote_count))
        if row.answered:
            parts.append(self.t("report.answered"))
        return " · ".join(parts)

    def contribution(self, row: ExportRow) -> None:
        """A post with its byline, then its published replies, indented."""
        if self.pdf.will_page_break(14):
            self.pdf.add_page()
        self.pdf.ln(1.5)
        self.pdf.set_font(FAMILY, "B", 9)
        self.text(self.byline(row), 4.5)
        if row.title:
            self.pdf.set_font(FAMILY, "B", 10.5)
            self.text(row.title)
        self.pdf.set_font(FAMILY, "", 10.5)
        self.text(row.text)
        self.official_answer(row, 0)
        for reply in self.replies.get(row.id, []):
            self.pdf.ln(1)
            self.pdf.set_font(FAMILY, "B", 9)
            self.text(f"↳ {self.byline(reply)}", 4.5, indent=INDENT)
            self.pdf.set_font(FAMILY, "", 10)
            self.text(reply.text, indent=INDENT)
            self.official_answer(reply, INDENT)

    def official_answer(self, row: ExportRow, indent: float) -> None:
        """The city's answer under the contribution it answers, in bold: the council reads what
        became of each idea where the idea stands."""
        if not row.official_status:
            return
        self.pdf.set_font(FAMILY, "B", 9.5)
        status = self.t(f"answers.status.{row.official_status}")
        self.text(self.t("report.official_answer", status=status), indent=indent)
        if row.official_text:
            self.pdf.set_font(FAMILY, "", 10)
            self.text(row.official_text, indent=indent)

    def contributions(self, rows: list[ExportRow], empty_key: str) -> None:
        if not rows:
            self.note(self.t(empty_key))
        for row in rows:
            self.contribution(row)

    # --- the parts ---
    def cover(self) -> None:
        event = self.data.event
        self.pdf.add_page()
        self.pdf.set_font(FAMILY, "", 11)
        self.pdf.set_text_color(*GREY)
        self.text(self.t("report.title"))
        self.pdf.set_text_color(0, 0, 0)
        self.heading(event.title, 0)
        self.pdf.set_font(FAMILY, "", 11)
        self.text(self.t("report.when", date=self.day(event.starts_at), start=self.when(event.starts_at),
                         end=self.when(event.ends_at)))
        place = ", ".join(part for part in (event.venue, event.address) if part)
        if place:
            self.text(place)
        self.pdf.ln(2)
        exported = self.data.exported_at
        self.note(self.t("report.exported", date=self.day(exported), time=self.when(exported)))
        self.note(self.t("report.scope"))

    def agenda(self, progress: Callable[[float], None]) -> None:
        self.heading(self.t("report.agenda"), 0)
        walls = [row for row in self.top_level if row.kind == Kind.WALL]
        known = {item.id for item in self.data.agenda}
        for number, item in enumerate(self.data.agenda, start=1):
            self.heading(f"{self.when(item.starts_at)}–{self.when(item.ends_at)} {item.title}", 1)
            self.contributions([row for row in walls if row.agenda_item_id == item.id], "report.no_posts")
            for poll in (poll for poll in self.data.polls if poll.agenda_item_id == item.id):
                self.poll(poll)
            progress(number / max(1, len(self.data.agenda)))
        loose = [row for row in walls if row.agenda_item_id not in known]
        loose_polls = [poll for poll in self.data.polls if poll.agenda_item_id not in known]
        if loose or loose_polls:
            self.heading(self.t("report.no_item"), 1)
        if loose:
            self.contributions(loose, "report.no_posts")
        for poll in loose_polls:
            self.poll(poll)

    def poll(self, poll: PollEntry) -> None:
        """A poll under its programme item: the question, a bar per answer, and the numbers beside it."""
        lines = poll.lines()
        if self.pdf.will_page_break(20 + 6 * len(lines)):
            self.pdf.add_page()
        self.subheading(self.t("report.poll", question=poll.question))
        answers = poll.results.answers
        self.note(self.t("report.poll_answers", count=answers.total, hall=answers.hall, online=answers.online))
        most = max((votes for _, votes, _, _, _ in lines), default=0) or 1
        label_width, bar_width = 60.0, self.pdf.epw - 60.0 - 55.0
        self.pdf.set_font(FAMILY, "", 9.5)
        for answer, votes, share, hall, online in lines:
            y = self.pdf.get_y()
            self.pdf.cell(label_width, 5.5, printable(answer)[:45])
            self.pdf.set_fill_color(*BLUE)
            if votes:
                self.pdf.rect(self.pdf.l_margin + label_width, y + 1, bar_width * votes / most, 3.5, style="F")
            self.pdf.set_x(self.pdf.l_margin + label_width + bar_width + 2)
            numbers = (self.t("report.poll_points", points=votes) if share is None
                       else self.t("report.poll_votes", votes=votes, share=share, hall=hall, online=online))
            self.pdf.cell(53, 5.5, printable(numbers), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if poll.results.mean is not None:
            self.note(self.t("report.poll_mean", mean=f"{poll.results.mean:.1f}"))
        if not lines:
            self.note(self.t("report.poll_no_answers"))

    def results(self, progress: Callable[[float], None]) -> None:
        self.pdf.add_page()
        self.heading(self.t("report.results"), 0)
        if not self.data.results:
            self.note(self.t("report.no_results"))
        topic_id = None
        for number, result in enumerate(self.data.results, start=1):
            if result.topic_id != topic_id:
                topic_id = result.topic_id
                self.heading(result.topic, 1)
            self.result(result)
            progress(number / max(1, len(self.data.results)))

    def result(self, result: ResultEntry) -> None:
        if self.pdf.will_page_break(75 if result.pictures else 25):  # no title alone at the foot of a page
            self.pdf.add_page()
        self.heading(result.title, 2)
        for picture in result.pictures:
            self.picture(picture.path, picture.alt)
        self.pdf.set_font(FAMILY, "", 10.5)
        for part in (result.summary, result.body):
            if part:
                self.text(part)
                self.pdf.ln(1)
        mine = [row for row in self.top_level if row.result_id == result.id]
        comments = [row for row in mine if row.kind in (Kind.COMMENT, Kind.WALL)]
        proposals = sorted(
            (row for row in mine if row.kind == Kind.PROPOSAL), key=lambda row: (-row.vote_count, row.id)
        )
        self.subheading(self.t("report.comments", count=len(comments)))
        self.contributions(comments, "report.no_comments")
        self.subheading(self.t("report.proposals", count=len(proposals)))
        self.contributions(proposals, "report.no_proposals")

    def subheading(self, text: str) -> None:
        if self.pdf.will_page_break(30):  # with room for the first contribution under it
            self.pdf.add_page()
        self.pdf.ln(2)
        self.pdf.set_font(FAMILY, "B", 11)
        self.text(text, 6)

    def picture(self, path: Path | None, alt: str) -> None:
        """The stored JPEG (the app wrote it itself), with its alt text as caption and in the PDF."""
        if path is not None:
            try:
                info = self.pdf.image(str(path), w=PICTURE_WIDTH, alt_text=printable(alt), keep_aspect_ratio=True)
                if info is None:
                    raise ValueError("no image")
            except Exception:  # a damaged file must not stop the report: the caption says what it showed
                log.warning("picture %s could not be placed in the report", path.name)
        self.note(self.t("report.picture", alt=alt))
        self.pdf.ln(1)

    def summary(self) -> None:
        self.pdf.add_page()
        self.heading(self.t("report.summary"), 0)
        self.subheading(self.t("report.summary_status"))
        counts = self.data.status_counts()
        self.table([(self.t(f"export.status.{status}"), count) for status, count in counts.items()])
        self.table([(self.t("report.summary_total"), sum(counts.values()))])
        self.subheading(self.t("report.summary_actions"))
        if self.data.action_counts:
            self.table([(self._action(action), count) for action, count in self.data.action_counts.items()])
        else:
            self.note(self.t("report.summary_no_actions"))
        self.subheading(self.t("report.summary_flags"))
        self.table([(self.t("report.summary_flag_count"), self.data.flag_count)])

    def _action(self, action: str) -> str:
        key = f"moderation.action.{action}"
        return self.t(key) if key in locales.CATALOGUES[locales.DEFAULT_LANGUAGE] else action

    def table(self, rows: list[tuple[str, int]]) -> None:
        self.pdf.set_font(FAMILY, "", 10.5)
        for label, count in rows:
            self.pdf.cell(self.pdf.epw - 30, 6, printable(label), border="B")
            self.pdf.cell(30, 6, str(count), border="B", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(data: ExportData, language: str = "de", progress: Callable[[float, str], None] | None = None) -> bytes:
    """The whole report as PDF bytes; `progress(fraction, "render")` follows the parts."""
    report = progress or (lambda _fraction, _step: None)
    writer = _Writer(data, language)
    writer.cover()
    writer.agenda(lambda share: report(0.05 + share * 0.25, "render"))
    writer.results(lambda share: report(0.3 + share * 0.6, "render"))
    writer.summary()
    content = bytes(writer.pdf.output())
    report(1.0, "render")
    return content
