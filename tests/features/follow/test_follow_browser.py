"""Following in real Chromium: the private link's QR code reads as the link shown beside it, the
page behind it works on a second device and its "Link ungültig machen" dialog is a real dialog;
axe finds nothing serious on either page, in German and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.accessibility import dialog_violations, serious_violations
from tests.support.browser import connected, decoded_qr, wait_until_still
from tests.support.xss import XSS_SHORT

TEXT = f"Mehr Schatten am Markt {XSS_SHORT}"
WORDS = {
    "de": {
        "text": "Ihr Beitrag", "send": "Absenden", "sent": "Danke! Ihr Beitrag ist veröffentlicht.",
        "end": "Link ungültig machen", "yes": "Ja, ungültig machen", "ended": "Sie haben den Link ungültig gemacht.",
    },
    "en": {
        "text": "Your post", "send": "Send", "sent": "Thank you! Your post is published.",
        "end": "End the link", "yes": "Yes, end it", "ended": "You have ended the link.",
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_link_reads_from_its_qr_code_and_ends_on_another_device(
    live_app, page, browser, language, tmp_path: Path
) -> None:
    words = WORDS[language]
    page.goto(f"{live_app.url}/lang/{language}?next=/wall")
    connected(page)
    page.get_by_label(words["text"]).fill(TEXT)
    page.get_by_role("button", name=words["send"], exact=True).click()
    expect(page.get_by_text(words["sent"])).to_be_visible()
    page.goto(f"{live_app.url}/meine-beitraege")
    connected(page)
    url = page.locator(".sg-follow-url").inner_text()
    assert "/folgen/" in url
    assert decoded_qr(page, ".sg-follow-qr", tmp_path) == url
    expect(page.get_by_text(TEXT)).to_be_visible()  # as text: the markup made no element
    assert page.locator("article img").count() == 0
    wait_until_still(page)
    assert serious_violations(page) == []

    phone = browser.new_context(locale="de-DE" if language == "de" else "en-GB").new_page()
    try:
        phone.goto(f"{live_app.url}/lang/{language}?next=/")
        phone.goto(live_app.url + "/folgen/" + url.split("/folgen/")[1])  # the address as a phone reads it
        connected(phone)
        expect(phone.get_by_text(TEXT)).to_be_visible()
        wait_until_still(phone)
        assert serious_violations(phone) == []
        phone.get_by_role("button", name=words["end"]).click()
        dialog = phone.get_by_role("dialog")
        expect(dialog).to_be_visible()
        wait_until_still(phone)
        assert dialog_violations(phone) == []
        dialog.get_by_role("button", name=words["yes"]).click()
        expect(phone.get_by_text(words["ended"])).to_be_visible()
        expect(phone.get_by_text(TEXT)).to_have_count(0)
        assert serious_violations(phone) == []
    finally:
        phone.context.close()
