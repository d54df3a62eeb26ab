"""Only real YouTube addresses become an embed, always on the no-cookie host."""

from __future__ import annotations

import pytest

from features.home.livestream_url import youtube_embed_url


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
