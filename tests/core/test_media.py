"""Pictures: a file that claims too many pixels is refused from its header, before any decoding."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image, ImageFile

from core import media
from core.errors import ServiceError


def claimed_size_png(width: int, height: int) -> bytes:
    """A real PNG of one colour: tens of megapixels in a few kilobytes (a decompression bomb)."""
    out = BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()


def test_a_small_file_claiming_thirty_megapixels_is_refused_before_it_is_decoded(monkeypatch) -> None:
    """Issue 19: a 5 KB PNG of 40 megapixels took 390 MB while decoding; the limit was 40 MP and
    the file was verified before its size was looked at."""
    bomb = claimed_size_png(6000, 5000)
    assert len(bomb) < 100_000
    decoded: list[object] = []
    original_load = ImageFile.ImageFile.load
    verified: list[object] = []
    original_verify = Image.Image.verify

    def recording_load(self: ImageFile.ImageFile) -> object:
        decoded.append(self)
        return original_load(self)

    def recording_verify(self: Image.Image) -> None:
        verified.append(self)
        original_verify(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording_load)
    monkeypatch.setattr(Image.Image, "verify", recording_verify)
    with pytest.raises(ServiceError) as refused:
        media.store_image(bomb)
    assert refused.value.key == "image.too_many_pixels"
    assert refused.value.params["limit"] == 25
    assert decoded == [] and verified == []


def test_the_limit_still_takes_a_24_megapixel_camera_photo() -> None:
    assert 6000 * 4000 <= media.MAX_PIXELS <= 25_000_000
