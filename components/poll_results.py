"""One way to show a poll's results, on the wall, the live page, the console and the hall screen.

Bars come from ECharts (shipped with NiceGUI, served by this app, no CDN); the chart is a
picture for sighted readers (aria-hidden), and the same numbers always stand beside it as a
table, which is what screen readers read. A word cloud is a list of words sized by how often
they were given: the cloud is its own text. Updates change the chart's data in place (no
re-created canvas, no flicker) and rebuild the small table.
"""

from __future__ import annotations

from typing import Literal

from babel.numbers import format_decimal
from nicegui import ui

from components.i18n import Localized, choose, current_language, localized, t
from components.text import Text, in_language
from features.polls.service import Count3, PollResults
from models.poll import Poll, PollKind

Variant = Literal["wall", "console", "screen"]

# the bars on white and on the screen's black, both at least 7:1 against their ground
BAR_COLOURS = {"wall": "#1e3a8a", "console": "#1e3a8a", "screen": "#fde047"}
TEXT_COLOURS = {"wall": "#0f172a", "console": "#0f172a", "screen": "#ffffff"}


def _percent(count: Count3, whole: int) -> str:
    return f"{count.percent_of(whole)} %"


class PollResultsView:
    """The results of one poll; `show` draws them (or says why they are not shown yet)."""

    def __init__(self, variant: Variant = "wall") -> None:
        self.client = ui.context.client
        self.variant = variant
        self.root = ui.element("div").classes(f"sg-poll-results sg-poll-results-{variant} w-full space-y-2")
        self._chart: ui.echart | None = None
        self._shape: tuple[int, PollKind, int] | None = None
        self._cells: list[Text] = []
        self._table_key: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        with self.root:
            self._chart_box = ui.element("div").classes("w-full")
            self._numbers = ui.element("div").classes("w-full")

    def hide(self, reason: str) -> None:
        """No results to show (not yet, or only for moderators): say so instead."""
        self._shape = None
        self._table_key = None
        self._chart_box.clear()
        self._chart = None
        self._numbers.clear()
        with self._numbers:
            ui.label(reason).classes("text-base").mark("poll-results-hidden")

    def show(self, poll: Poll, results: PollResults) -> None:
        rows = self._rows(poll, results)
        shape = (poll.id, poll.kind, len(rows))
        if poll.kind is PollKind.WORDS:
            self._chart_box.clear()
            self._chart = None
        elif shape != self._shape or self._chart is None:
            self._chart_box.clear()
            with self._chart_box:
                self._chart = ui.echart(self._options(rows)).classes(self._chart_height(len(rows)))
                self._chart.props("aria-hidden=true")
        else:
            self._chart.options["yAxis"]["data"] = [label.text for label, _ in rows]
            self._chart.options["series"][0]["data"] = [value for _, value in rows]
            self._chart.update()
        same_shape = shape == self._shape
        self._shape = shape
        if same_shape and poll.kind is not PollKind.WORDS and self._update_table(poll, results):
            return
        self._table_key = None
        self._numbers.clear()
        with self._numbers:
            if poll.kind is PollKind.WORDS:
                self._cloud(results)
            else:
                self._table(poll, results)

    # --- the picture -------------------------------------------------------------------------
    def _rows(self, poll: Poll, results: PollResults) -> list[tuple[Localized, int]]:
        if poll.kind is PollKind.SCALE:
            return [(choose(str(point), ""), count.total) for point, count in results.scale]
        if poll.kind is PollKind.RANKING:
            return [(localized(option, "label"), option.score) for option in results.options]
        return [(localized(option, "label"), option.count.total) for option in results.options]

    def _chart_height(self, rows: int) -> str:
        return "h-96" if self.variant == "screen" else ("h-48" if rows <= 4 else "h-64")

    def _options(self, rows: list[tuple[Localized, int]]) -> dict:
        colour, text = BAR_COLOURS[self.variant], TEXT_COLOURS[self.variant]
        size = 28 if self.variant == "screen" else 14
        return {
            "animationDuration": 300,
            "grid": {"left": 8, "right": 48, "top": 8, "bottom": 8, "containLabel": True},
            "xAxis": {"type": "value", "show": False, "minInterval": 1},
            "yAxis": {
                "type": "category",
                "inverse": True,
                "data": [label.text for label, _ in rows],
                "axisLabel": {"color": text, "fontSize": size, "width": 320, "overflow": "break"},
                "axisLine": {"show": False},
                "axisTick": {"show": False},
            },
            "series": [
                {
                    "type": "bar",
                    "data": [value for _, value in rows],
                    "itemStyle": {"color": colour},
                    "label": {"show": True, "position": "right", "color": text, "fontSize": size},
                    "barMaxWidth": 48,
                }
            ],
        }

    # --- the numbers -------------------------------------------------------------------------
    # The table is built once per shape; later results change only the texts of its cells, so
    # a storm of answers sends a few changed numbers to each tab, never a new table.
    def _table_texts(self, poll: Poll, results: PollResults) -> tuple[list[str], list[list[str]], list[Localized]]:
        """(caption, headers, mean or "", split), the rows' values, and the rows' labels."""
        whole = results.answers.total
        ranking, scale = poll.kind is PollKind.RANKING, poll.kind is PollKind.SCALE
        headers = [
            t("poll.table.option" if not scale else "poll.table.value"),
            t("poll.table.points" if ranking else "poll.table.votes"),
        ]
        if not ranking:
            headers += [t("poll.table.share"), t("poll.table.hall"), t("poll.table.online")]
        labels: list[Localized] = []
        values: list[list[str]] = []
        if scale:
            for point, count in results.scale:
                labels.append(choose(str(point), ""))
                values.append([str(count.total), _percent(count, whole), str(count.hall), str(count.online)])
        else:
            for option in results.options:
                labels.append(localized(option, "label"))
                values.append([str(option.score)] if ranking else [
                    str(option.count.total), _percent(option.count, whole),
                    str(option.count.hall), str(option.count.online),
                ])
        mean = ""
        if scale and results.mean is not None:
            mean = t("poll.mean", mean=format_decimal(results.mean, format="0.0", locale=current_language()))
        split = t("poll.split", hall=results.answers.hall, online=results.answers.online)
        return [t("poll.table.caption", count=whole), *headers, mean, split], values, labels

    def _table(self, poll: Poll, results: PollResults) -> None:
        texts, values, labels = self._table_texts(poll, results)
        caption, *headers, mean, split = texts
        self._cells: list[Text] = []
        with ui.element("table").classes("sg-poll-table w-full text-left").mark("poll-table"):
            self._cells.append(Text("caption", caption).classes("text-left text-sm"))
            with ui.element("thead"), ui.element("tr"):
                for header in headers:
                    Text("th", header).props("scope=col")
            with ui.element("tbody"):
                for label, row in zip(labels, values, strict=True):
                    with ui.element("tr"):
                        in_language(Text("th", label.text).props("scope=row"), label)
                        self._cells += [Text("td", value) for value in row]
        self._cells.append(Text("p", mean).classes("m-0" if mean else "hidden").mark("poll-mean"))
        self._cells.append(Text("p", split).classes("text-sm m-0"))
        self._table_key = (tuple(headers), tuple(label.text for label in labels))

    def _update_table(self, poll: Poll, results: PollResults) -> bool:
        """Change the numbers of the table built before; False when it must be built anew."""
        texts, values, labels = self._table_texts(poll, results)
        caption, *headers, mean, split = texts
        if getattr(self, "_table_key", None) != (tuple(headers), tuple(label.text for label in labels)):
            return False
        new = [caption, *(value for row in values for value in row), mean, split]
        if len(new) != len(self._cells) or any(cell.is_deleted for cell in self._cells):
            return False
        for cell, text in zip(self._cells, new, strict=True):
            if cell.text != text:
                cell.set_text(text)
        self._cells[-2].classes(replace="m-0" if mean else "hidden")
        return True

    def _cloud(self, results: PollResults) -> None:
        if not results.words:
            ui.label(t("poll.no_words")).mark("poll-cloud-empty")
            return
        most = max(word.count for word in results.words)
        base = 2.2 if self.variant == "screen" else 1.0
        with (
            ui.element("ul")
            .classes("sg-poll-cloud flex flex-wrap gap-x-4 gap-y-1 list-none p-0 m-0")
            .props(f'aria-label="{t("poll.cloud", count=results.answers.total)}"')
            .mark("poll-cloud")
        ):
            for word in results.words:
                scale = base * (1 + 1.5 * word.count / most)
                with ui.element("li").style(f"font-size: {scale:.2f}rem"):
                    Text("span", word.words)
                    Text("span", f" ({word.count})").classes("text-sm")
