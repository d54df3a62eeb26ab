"""Reading a PDF the app wrote, as a test sees it: its pages' text with white space folded."""

from __future__ import annotations

import io

from pypdf import PdfReader


def read(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return reader, " ".join(text.split())
