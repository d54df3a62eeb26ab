"""Pictures of results: checked, re-encoded with Pillow and stored under DATA_DIR/media.

Only what Pillow could decode and we wrote again is ever served, under a random name we chose:
no file a person uploaded reaches a browser as it was, and no name a person typed becomes a path.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import ServiceError
from settings import get_settings

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 25_000_000  # a 24-megapixel photo (6000 × 4000) is the largest a workshop camera makes
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}  # what cameras and phones write; GIF, BMP, TIFF are refused
LARGE_EDGE = 1600
THUMB_EDGE = 480
JPEG_QUALITY = 82
MEDIA_ROUTE = "/media"
_STORED_NAME = re.compile(r"^[0-9a-f]{32}(-t)?\.jpg$")


@dataclass(frozen=True)
class StoredImage:
    file_name: str
    thumb_name: str
    width: int
    height: int
    thumb_width: int
    thumb_height: int


def media_dir() -> Path:
    folder = get_settings().data_dir / "media"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def media_url(name: str) -> str:
    return f"{MEDIA_ROUTE}/{name}"


def stored_path(name: str) -> Path | None:
    """The file for a name we generated, or None for anything else (no paths, no guesses)."""
    if not _STORED_NAME.fullmatch(name):
        return None
    path = media_dir() / name
    return path if path.is_file() else None


def check_upload_size(size: int) -> None:
    """Refuse a file larger than MAX_UPLOAD_BYTES: called with the size of an upload before it is
    read into memory, and by store_image again for whatever bytes reach it."""
    if size > MAX_UPLOAD_BYTES:
        raise ServiceError("image.too_large", limit=MAX_UPLOAD_BYTES // (1024 * 1024))


def store_image(data: bytes) -> StoredImage:
    """Decode, check and re-encode a picture as a large JPEG and a thumbnail.

    What a file is comes from its content alone (Pillow's decoders), never from its name or the
    content type a browser claimed. Nothing is written unless the whole picture decoded.
    """
    check_upload_size(len(data))
    try:
        # Image.open is lazy: it reads the header (format and size), no pixel yet. A file that
        # claims too many pixels is refused here, before anything decodes it (a 5 KB PNG can
        # claim 40 megapixels, which took 390 MB to decode).
        with Image.open(BytesIO(data)) as probe:
            image_format = probe.format
            if image_format not in ACCEPTED_FORMATS:
                raise ServiceError("image.unsupported")
            if probe.width * probe.height > MAX_PIXELS:
                raise ServiceError("image.too_many_pixels", limit=MAX_PIXELS // 1_000_000)
            probe.verify()
    except Image.DecompressionBombError:
        raise ServiceError("image.too_many_pixels", limit=MAX_PIXELS // 1_000_000) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ServiceError("image.not_an_image") from None
    try:
        with Image.open(BytesIO(data)) as source:
            picture = _flattened(ImageOps.exif_transpose(source))
    except Image.DecompressionBombError:
        raise ServiceError("image.too_many_pixels", limit=MAX_PIXELS // 1_000_000) from None
    except (OSError, SyntaxError, ValueError):
        raise ServiceError("image.not_an_image") from None
    return save_picture(picture)


async def store_image_async(data: bytes) -> StoredImage:
    """The same, off the event loop: decoding a large photo takes longer than a page may wait."""
    return await asyncio.to_thread(store_image, data)


@dataclass(frozen=True)
class EncodedPicture:
    """A picture's two JPEG files in memory: the demo draws the same pictures for every new
    database, and encodes them once per process."""

    large: bytes
    thumb: bytes
    width: int
    height: int
    thumb_width: int
    thumb_height: int


def encode_picture(picture: Image.Image) -> EncodedPicture:
    """Large (at most LARGE_EDGE) and thumbnail (THUMB_EDGE), as the JPEG files we store."""
    large = picture.copy()
    large.thumbnail((LARGE_EDGE, LARGE_EDGE), Image.Resampling.LANCZOS)
    thumb = large.copy()
    thumb.thumbnail((THUMB_EDGE, THUMB_EDGE), Image.Resampling.LANCZOS)
    large_file, thumb_file = BytesIO(), BytesIO()
    large.save(large_file, "JPEG", quality=JPEG_QUALITY, optimize=True)
    thumb.save(thumb_file, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return EncodedPicture(
        large_file.getvalue(), thumb_file.getvalue(), large.width, large.height, thumb.width, thumb.height
    )


def write_picture(encoded: EncodedPicture) -> StoredImage:
    """Store an encoded picture under new, unguessable names."""
    stem = secrets.token_hex(16)
    folder = media_dir()
    (folder / f"{stem}.jpg").write_bytes(encoded.large)
    (folder / f"{stem}-t.jpg").write_bytes(encoded.thumb)
    return StoredImage(
        f"{stem}.jpg", f"{stem}-t.jpg", encoded.width, encoded.height, encoded.thumb_width, encoded.thumb_height
    )


def save_picture(picture: Image.Image) -> StoredImage:
    """Write a picture we drew or decoded: large (at most LARGE_EDGE) and thumbnail (THUMB_EDGE)."""
    return write_picture(encode_picture(picture))


def discard(stored: StoredImage) -> None:
    """Remove both files again (the database refused the picture after it was written)."""
    for name in (stored.file_name, stored.thumb_name):
        if (path := stored_path(name)) is not None:
            path.unlink(missing_ok=True)


def _flattened(picture: Image.Image) -> Image.Image:
    """RGB on white: transparency and palettes do not survive JPEG.

    Metadata is left behind: only the pixels are copied into a new image. (`convert` alone would
    keep `info`, and Pillow writes a JPEG comment from there: a camera's or editor's text, even
    where people were, would reach every visitor.)
    """
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        rgba = picture.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    clean = Image.new("RGB", picture.size)
    clean.paste(picture.convert("RGB"))
    return clean
