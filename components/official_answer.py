"""The words around the city's official answer (features.answers), the same on every list that
shows a contribution: the wall, a result's thread and the hall screen's cards and highlight."""

from __future__ import annotations

from typing import Any

from components.i18n import t
from models.contribution import OfficialStatus


def official_labels() -> dict[str, object]:
    """For a Vue list's labels (`labels.official`, read by sg-items' OfficialAnswer)."""
    return {
        "heading": t("answers.on_card"),
        "statuses": {status.value: t(f"answers.status.{status.value}") for status in OfficialStatus},
    }


def official_line(view: dict[str, Any]) -> str:
    """The answer as one line of text, for a place drawn by the server (the screen's highlight);
    "" while there is none."""
    status = view.get("official_status")
    if not status:
        return ""
    headline = f"{t('answers.on_card')}: {t(f'answers.status.{status}')}"
    return f"{headline}. {view['official_text']}" if view.get("official_text") else headline
