"""Only real YouTube addresses become an embed, always on the no-cookie host; video files play in
the browser's own player, other https pages are links; captions are https (a .vtt file: a track)."""

from __future__ import annotations

import pytest

from features.home.livestream_url import (
    StreamKind,
    StreamSource,
    captions_track_url,
    captions_url_allowed,
    livestream_url_allowed,
    stream_source,
    youtube_embed_url,
)


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=Stadtkonf01", "https://www.youtube-nocookie.com/embed/Stadtkonf01"),
        ("https://youtu.be/abcDEF_1234", "https://www.youtube-nocookie.com/embed/abcDEF_1234"),
        ("https://www.youtube.com/live/abcDEF_1234?si=x", "https://www.youtube-nocookie.com/embed/abcDEF_1234"),
        ("https://www.youtube.com/embed/abcDEF_1234", "https://www.youtube-nocookie.com/embed/abcDEF_1234"),
        ("http://www.youtube.com/watch?v=abcDEF_1234", None),
        ("https://evil.example/watch?v=abcDEF_1234", None),
        ("https://www.youtube.com/watch?v=%22onload%3Dalert(1)", None),
        ("https://www.youtube.com.evil.example/watch?v=abcDEF_1234", None),
    ],
)
def test_embed_address(url, embed) -> None:
    assert youtube_embed_url(url) == embed


@pytest.mark.parametrize(
    ("url", "kind", "src"),
    [
        ("", StreamKind.NONE, ""),
        (
            "https://www.youtube.com/watch?v=Stadtkonf01",
            StreamKind.EMBED,
            "https://www.youtube-nocookie.com/embed/Stadtkonf01",
        ),
        ("https://stream.example/live/main.mp4", StreamKind.VIDEO, "https://stream.example/live/main.mp4"),
        (
            "https://stream.example/live/MAIN.WEBM?token=1",
            StreamKind.VIDEO,
            "https://stream.example/live/MAIN.WEBM?token=1",
        ),
        ("https://stream.example/watch", StreamKind.PAGE, "https://stream.example/watch"),
        ("https://stream.example/main.mp4.html", StreamKind.PAGE, "https://stream.example/main.mp4.html"),
        ("http://stream.example/main.mp4", StreamKind.NONE, ""),
        ("javascript:alert(1)//.mp4", StreamKind.NONE, ""),
        ("https://user:pw@stream.example/main.mp4", StreamKind.NONE, ""),
        ("https://stream.example/a b.mp4", StreamKind.NONE, ""),
        ("https://www.youtube.com/watch?v=%22onload%3Dalert(1)", StreamKind.NONE, ""),
    ],
)
def test_what_the_player_makes_of_an_address(url, kind, src) -> None:
    assert stream_source(url) == StreamSource(kind, src)
    assert livestream_url_allowed(url) == (kind is not StreamKind.NONE or url == "")


@pytest.mark.parametrize(
    ("url", "allowed", "track"),
    [
        ("", True, None),
        ("https://captions.example/live/de.vtt", True, "https://captions.example/live/de.vtt"),
        ("https://captions.example/live/DE.VTT?x=1", True, "https://captions.example/live/DE.VTT?x=1"),
        ("https://captions.example/live", True, None),
        ("http://captions.example/live/de.vtt", False, None),
        ("https://user:pw@captions.example/de.vtt", False, None),
        ("https://captions.example/ de.vtt", False, None),
        ("data:text/vtt,WEBVTT", False, None),
    ],
)
def test_captions_are_a_webvtt_file_or_a_caption_page(url, allowed, track) -> None:
    assert captions_url_allowed(url) is allowed
    assert captions_track_url(url) == track


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=abcDEF_1234%0A",  # `$` of a regular expression matches before it
        "https://www.youtube.com/watch?v=abcDEF_1234%0D%0A",
        "https://www.youtube.com/watch?v=abcDEF_1234%0Aextra",
    ],
)
def test_a_video_id_with_a_newline_at_the_end_is_refused(url: str) -> None:
    """Issue 19: the id check used `match` with `^…$`, and `$` also matches before a final newline,
    so `…%0A` passed and the embed address broke."""
    assert youtube_embed_url(url) is None
    assert not livestream_url_allowed(url)
    assert stream_source(url) == StreamSource(StreamKind.NONE)
