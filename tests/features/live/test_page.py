"""`/live` in the simulated browser: stream, form and wall on one page; captions and the DGS stream
only as the organisers set them and only after a click; bad addresses ignored; the phase said."""

from __future__ import annotations

import re
from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from components.livestream import LAYOUT_KEY
from components.post_form import PostForm
from core.clock import frozen_at, utcnow
from models.contribution import Channel, Contribution
from models.event import Event
from tests.support.user import eventually, marked, see

YOUTUBE = "https://www.youtube.com/watch?v=Stadtkonf01"
EMBED = "https://www.youtube-nocookie.com/embed/Stadtkonf01"
VIDEO = "https://stream.example/live/main.mp4"
VTT = "https://captions.example/live/de.vtt"
CAPTION_PAGE = "https://captions.example/live"
DGS = "https://www.youtube.com/watch?v=DgsStream01"
DGS_EMBED = "https://www.youtube-nocookie.com/embed/DgsStream01"


async def demo_event(**fields: str) -> Event:
    event = await Event.first()
    assert event is not None
    for name, value in fields.items():
        setattr(event, name, value)
    await event.save()
    return event


def present(user: User, marker: str) -> bool:
    return any(marker in item._markers for item in user.client.elements.values())


def the_one(user: User, marker: str) -> ui.element:
    return marked(user, marker)


def all_props(user: User) -> str:
    return str([item.props for item in user.client.elements.values()])


async def load(user: User) -> None:
    user.find(marker="load-livestream").click()
    assert await eventually(lambda: present(user, "livestream-frame"))


async def test_without_an_event_the_page_says_so(user: User) -> None:
    await Event.all().delete()
    await user.open("/live")
    await see(user, "Es ist noch keine Veranstaltung angelegt.")
    assert not present(user, "livestream")


async def test_the_live_event_has_stream_form_and_wall_on_one_page(user: User) -> None:
    await user.open("/live")
    await see(user, "Live: zuschauen und mitdiskutieren")
    await see(user, "Livestream")
    await see(user, "Livestream laden", marker="load-livestream")
    assert present(user, "post-form") and present(user, "contribution-list")
    assert not present(user, "live-phase")  # the demo event is live: nothing to explain
    assert "youtube" not in all_props(user).replace("youtube.com/watch", "")  # nothing loaded yet
    await load(user)
    assert the_one(user, "livestream-frame").tag == "iframe"
    assert the_one(user, "livestream-frame").props["src"] == EMBED
    assert present(user, "post-form") and present(user, "contribution-list")


async def test_a_post_from_live_lands_on_the_wall_as_online(user: User) -> None:
    await user.open("/live")
    await load(user)
    form = next(iter(user.find(PostForm).elements))
    with user:
        ok, _ = await form.send({"text": "Gruß vom Sofa", "nickname": "Lea"})
    assert ok
    stored = await Contribution.get(text="Gruß vom Sofa")
    assert stored.channel == Channel.ONLINE
    assert present(user, "livestream-frame")  # posting does not touch the player


async def test_the_player_collapses_to_a_bar_and_back(user: User) -> None:
    await user.open("/live")
    toggle = the_one(user, "livestream-toggle")
    player = the_one(user, "livestream")
    assert toggle.props["aria-expanded"] == "true" and toggle.props["aria-controls"] == "livestream-body"
    assert "sg-live-player" in player.classes
    user.find(marker="livestream-toggle").click()
    await see(user, "Video einblenden", marker="livestream-toggle")
    assert toggle.props["aria-expanded"] == "false" and "sg-stream-collapsed" in player.classes
    user.find(marker="livestream-toggle").click()
    await see(user, "Video verkleinern", marker="livestream-toggle")
    assert toggle.props["aria-expanded"] == "true" and "sg-stream-collapsed" not in player.classes


async def test_captions_for_an_embedded_stream_are_a_link(user: User) -> None:
    await demo_event(captions_url=VTT)
    await user.open("/live")
    link = the_one(user, "captions-link")
    assert link.text == "Live-Untertitel öffnen" and link.props["href"] == VTT and link.props["target"] == "_blank"
    await load(user)
    assert not [item for item in user.client.elements.values() if item.tag == "track"]


async def test_webvtt_captions_become_the_video_files_track(user: User) -> None:
    await demo_event(livestream_url=VIDEO, captions_url=VTT)
    await user.open("/live")
    await see(user, "Der Livestream kommt von stream.example.")
    assert not present(user, "captions-link")
    assert VIDEO not in all_props(user) and VTT not in all_props(user)  # neither is loaded before the click
    await load(user)
    video = the_one(user, "livestream-frame")
    assert video.tag == "video" and video.props["src"] == VIDEO and video.props["controls"] is True
    assert video.props["crossorigin"] == "anonymous"
    (track,) = video.default_slot.children
    assert track.tag == "track"
    assert {key: track.props[key] for key in ("kind", "default", "srclang", "src")} == {
        "kind": "captions", "default": True, "srclang": "de", "src": VTT}


async def test_a_caption_page_for_a_video_file_is_a_link(user: User) -> None:
    await demo_event(livestream_url=VIDEO, captions_url=CAPTION_PAGE)
    await user.open("/live")
    assert the_one(user, "captions-link").props["href"] == CAPTION_PAGE
    await load(user)
    assert not the_one(user, "livestream-frame").default_slot.children
    assert "crossorigin" not in the_one(user, "livestream-frame").props


async def test_without_a_sign_language_stream_there_is_no_switch(user: User) -> None:
    await user.open("/live")
    await load(user)
    assert not present(user, "sign-language-switch")


async def test_the_sign_language_switch_comes_after_loading_and_loads_the_second_stream(user: User) -> None:
    await demo_event(sign_language_url=DGS)
    user.javascript_rules[re.compile(rf".*getItem\('{LAYOUT_KEY}'\).*")] = lambda _: None
    await user.open("/live")
    assert not present(user, "sign-language-switch")
    assert "DgsStream01" not in all_props(user)
    await load(user)
    await see(user, "Gebärdensprache (DGS) einblenden")
    assert not present(user, "sign-language-frame")
    assert not marked(user, "sign-language-layout").visible
    user.find(marker="sign-language-switch").click()
    assert await eventually(lambda: present(user, "sign-language-frame"))
    assert the_one(user, "sign-language-frame").props["src"] == DGS_EMBED
    assert the_one(user, "sign-language-frame").props["title"] == "Gebärdensprache (DGS) zum Livestream"
    stage = the_one(user, "sign-language-frame").parent_slot.parent.parent_slot.parent
    assert "sg-dgs-pip" in stage.classes  # picture-in-picture unless the viewer chose otherwise
    assert marked(user, "sign-language-layout").visible
    layout = marked(user, "sign-language-layout")
    with user:
        layout.value = "side"
    assert await eventually(lambda: "sg-dgs-side" in stage.classes and "sg-dgs-pip" not in stage.classes)
    with user:
        layout.value = "<script>"  # a forged choice changes nothing
    assert "sg-dgs-side" in stage.classes
    user.find(marker="sign-language-switch").click()
    assert await eventually(lambda: not present(user, "sign-language-frame"))
    assert not {"sg-dgs-side", "sg-dgs-pip"} & set(stage.classes)
    assert present(user, "livestream-frame")  # the main stream stays


async def test_the_remembered_layout_is_the_default(user: User) -> None:
    await demo_event(sign_language_url=DGS)
    user.javascript_rules[re.compile(rf".*getItem\('{LAYOUT_KEY}'\).*")] = lambda _: "side"
    await user.open("/live")
    await load(user)
    user.find(marker="sign-language-switch").click()
    assert await eventually(lambda: present(user, "sign-language-frame"))
    stage = the_one(user, "sign-language-frame").parent_slot.parent.parent_slot.parent
    assert "sg-dgs-side" in stage.classes
    assert marked(user, "sign-language-layout").value == "side"


async def test_a_sign_language_page_that_cannot_be_embedded_is_a_link_after_loading(user: User) -> None:
    await demo_event(sign_language_url="https://dgs.example/live")
    await user.open("/live")
    assert not present(user, "sign-language-link")
    await load(user)
    assert the_one(user, "sign-language-link").props["href"] == "https://dgs.example/live"
    assert not present(user, "sign-language-switch")


async def test_bad_addresses_are_ignored_without_a_crash(user: User) -> None:
    await demo_event(livestream_url="javascript:alert(1)", captions_url="http://captions.example/de.vtt",
                     sign_language_url="https://user:secret@dgs.example/x.mp4")
    await user.open("/live")
    await see(user, "Für diese Veranstaltung gibt es keinen Livestream.")
    assert not present(user, "load-livestream") and not present(user, "captions-link")
    assert not present(user, "sign-language-link")
    assert "javascript:" not in all_props(user) and "secret" not in all_props(user)
    assert present(user, "post-form") and present(user, "contribution-list")


async def test_a_bad_sign_language_address_beside_a_good_stream_shows_no_switch(user: User) -> None:
    await demo_event(captions_url='https://captions.example/"><script>x</script>.vtt page',
                     sign_language_url="https://www.youtube.com/watch?v=%22onload%3Dalert(1)")
    await user.open("/live")
    assert not present(user, "captions-link")
    await load(user)
    assert not present(user, "sign-language-switch") and not present(user, "sign-language-link")


async def test_before_and_after_the_conference_the_page_says_so(user: User) -> None:
    event = await Event.first()
    assert event is not None
    with frozen_at(event.starts_at - timedelta(days=2)):
        await user.open("/live")
        await see(user, "Die Konferenz beginnt am", marker="live-phase")
    with frozen_at(event.ends_at + timedelta(hours=1)):
        await user.open("/live")
        await see(user, "Die Konferenz ist vorbei, der Livestream ist beendet.", marker="live-phase")
    assert utcnow() < event.ends_at


async def test_in_english_the_player_speaks_english(user: User) -> None:
    await demo_event(captions_url=CAPTION_PAGE)
    await user.open("/lang/en?next=/live")
    await see(user, "Live: watch and take part")
    await see(user, "Make video smaller", marker="livestream-toggle")
    await see(user, "Open live captions", marker="captions-link")


async def test_the_halls_join_link_still_goes_to_the_wall_without_the_player(user: User) -> None:
    response = await user.http_client.get("/j", follow_redirects=False)
    assert response.headers["location"] == "/wall"
    await user.open("/wall")
    await see(user, "Ihr Beitrag")
    assert not present(user, "livestream") and not present(user, "load-livestream")


async def test_switched_off_while_the_browser_answered_loads_no_sign_language_stream(user: User) -> None:
    await demo_event(sign_language_url=DGS)
    await user.open("/live")
    await load(user)
    switch = marked(user, "sign-language-switch")

    def answer_after_switching_off(_: object) -> str:
        switch.value = False  # the viewer flips it back before localStorage answered
        return "side"

    user.javascript_rules[re.compile(rf".*getItem\('{LAYOUT_KEY}'\).*")] = answer_after_switching_off
    (handler,) = switch._change_handlers
    switch._change_handlers.clear()
    switch.value = True  # on, without running the handler yet
    switch._change_handlers.append(handler)
    with user:  # the "on" handler, awaited to its end: it asked the browser, heard back, and stopped
        await handler(type("Event", (), {"value": True})())
    assert switch.value is False
    assert not present(user, "sign-language-frame")
    assert not marked(user, "sign-language-layout").visible
