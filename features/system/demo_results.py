"""The demo's workshop results: six theme tables, their "Ausgangsbilder", first comments.

Pictures are drawn here with Pillow (simple shapes in each topic's colour), so the demo needs no
download and no image files in the repository. Called by features.system.demo.seed_demo inside its
transaction, only for an empty database.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

from core.media import EncodedPicture, encode_picture, write_picture
from models.contribution import Contribution, Kind, Status
from models.event import AgendaItem, Event
from models.result import Result, ResultImage, Topic

SIZE = (960, 600)
Painter = Callable[[ImageDraw.ImageDraw, random.Random, str], None]


def _houses(draw: ImageDraw.ImageDraw, rnd: random.Random, colour: str) -> None:
    draw.rectangle((0, 440, 960, 600), fill="#8fbf6a")
    x = 40
    while x < 900:
        width, height = rnd.randint(90, 150), rnd.randint(140, 300)
        draw.rectangle((x, 440 - height, x + width, 440), fill=colour, outline="#1f2937", width=3)
        draw.polygon([(x - 10, 440 - height), (x + width // 2, 380 - height), (x + width + 10, 440 - height)],
                     fill="#9a3412")
        for wy in range(440 - height + 25, 420, 55):
            for wx in range(x + 15, x + width - 30, 40):
                draw.rectangle((wx, wy, wx + 22, wy + 28), fill="#fde68a")
        x += width + rnd.randint(25, 60)
    for tx in range(80, 960, 210):
        draw.rectangle((tx, 470, tx + 10, 530), fill="#713f12")
        draw.ellipse((tx - 35, 400, tx + 45, 480), fill="#166534")


def _streets(draw: ImageDraw.ImageDraw, rnd: random.Random, colour: str) -> None:
    draw.rectangle((0, 0, 960, 600), fill="#dbeafe")
    draw.rectangle((0, 330, 960, 520), fill="#4b5563")
    for x in range(0, 960, 90):
        draw.rectangle((x, 420, x + 50, 430), fill="#f9fafb")
    draw.rectangle((0, 500, 960, 540), fill="#15803d")  # the cycle lane
    tram = (120 + rnd.randint(0, 80), 250, 560, 400)
    draw.rounded_rectangle(tram, radius=24, fill=colour, outline="#111827", width=4)
    for wx in range(200, 540, 80):
        draw.rectangle((wx, 275, wx + 55, 330), fill="#e0f2fe")
    for cx in (700, 800):
        draw.ellipse((cx - 40, 460, cx + 40, 540), outline="#111827", width=8)
    draw.line((700, 500, 750, 455, 800, 500), fill="#111827", width=8)


def _nature(draw: ImageDraw.ImageDraw, rnd: random.Random, colour: str) -> None:
    draw.rectangle((0, 0, 960, 600), fill="#e0f2fe")
    draw.ellipse((760, 50, 880, 170), fill="#facc15")
    draw.rectangle((0, 380, 960, 600), fill="#65a30d")
    draw.ellipse((260, 430, 760, 580), fill="#38bdf8")  # the lake
    for _ in range(9):
        x = rnd.randint(20, 920)
        draw.rectangle((x, 300, x + 14, 400), fill="#713f12")
        draw.ellipse((x - 50, 200, x + 64, 320), fill=colour)


def _industry(draw: ImageDraw.ImageDraw, rnd: random.Random, colour: str) -> None:
    draw.rectangle((0, 0, 960, 600), fill="#f1f5f9")
    draw.rectangle((0, 470, 960, 600), fill="#9ca3af")
    draw.rectangle((380, 120, 520, 470), fill="#b45309", outline="#1f2937", width=4)  # the "U" tower
    draw.text((425, 150), "U", fill="#fde047", font_size=72)
    for x in range(40, 340, 100):
        draw.rectangle((x, 300 - rnd.randint(0, 80), x + 80, 470), fill=colour)
    draw.polygon([(600, 470), (640, 230), (680, 230), (720, 470)], fill="#334155")  # pit head frame
    draw.ellipse((615, 200, 705, 290), outline="#334155", width=10)
    draw.rectangle((760, 330, 920, 470), fill=colour, outline="#1f2937", width=3)


def _school(draw: ImageDraw.ImageDraw, rnd: random.Random, colour: str) -> None:
    draw.rectangle((0, 0, 960, 600), fill="#fef3c7")
    draw.rectangle((0, 480, 960, 600), fill="#84cc16")
    draw.rectangle((180, 200, 780, 480), fill=colour, outline="#1f2937", width=4)
    draw.polygon([(160, 200), (480, 80), (800, 200)], fill="#7c2d12")
    for x in range(220, 760, 90):
        draw.rectangle((x, 250, x + 50, 310), fill="#e0f2fe")
    draw.rectangle((440, 370, 520, 480), fill="#78350f")
    for x in (60, 860):
        draw.rectangle((x, 380, x + 60, 470), fill="#f97316")  # open books / play blocks
        draw.line((x + 30, 380, x + 30, 470), fill="#7c2d12", width=4)


def _culture(draw: ImageDraw.ImageDraw, rnd: random.Random, colour: str) -> None:
    draw.rectangle((0, 0, 960, 600), fill="#1e1b4b")
    draw.rectangle((120, 380, 840, 470), fill=colour)
    draw.polygon([(120, 380), (200, 120), (760, 120), (840, 380)], fill="#312e81")
    for x in range(160, 820, 60):
        draw.ellipse((x, 490 + rnd.randint(-10, 10), x + 40, 540), fill="#a5b4fc")  # audience
    for x, y in ((300, 200), (460, 170), (620, 220)):
        draw.ellipse((x, y + 60, x + 44, y + 96), fill="#fde68a")
        draw.line((x + 42, y + 78, x + 42, y), fill="#fde68a", width=7)


# (name, colour, painter, [(title, summary, body, alt)])
TOPICS: list[tuple[str, str, Painter, list[tuple[str, str, str, str]]]] = [
    ("Wohnen und Quartiere", "#b45309", _houses, [
        ("Bezahlbar wohnen in der Nordstadt",
         "Viele Altbauten, junge Familien, steigende Mieten: wie die Nordstadt lebendig und bezahlbar bleibt.",
         "Heute: Die Nordstadt ist Dortmunds jüngster und internationalster Stadtteil. Viele Häuser aus der "
         "Gründerzeit sind sanierungsbedürftig, Wohnungen für große Familien sind knapp, und wer auszieht, "
         "findet im Viertel selten etwas Bezahlbares.\n\nWohin es gehen könnte: Die Stadt kauft Problemimmobilien "
         "und saniert sie mit Genossenschaften. Leerstehende Ladenlokale werden zu Nachbarschaftsräumen. "
         "Innenhöfe werden entsiegelt und gemeinsam genutzt.",
         "Gezeichnete Häuserzeile mit Altbauten in Orange, Satteldächern, hellen Fenstern und Bäumen davor."),
        ("Quartiere mit kurzen Wegen",
         "Bäcker, Kita und Hausarzt in zehn Minuten zu Fuß erreichbar, auch in Hombruch und Scharnhorst.",
         "Heute: In vielen Stadtteilen schließen Geschäfte und Praxen; wer kein Auto hat, fährt für den "
         "Alltag weite Wege.\n\nWohin es gehen könnte: Jedes Quartier bekommt einen Mittelpunkt mit "
         "Nahversorgung, einem Treffpunkt und guter Anbindung an Bus und Bahn. Erdgeschosse neuer Gebäude "
         "bleiben für Läden und Werkstätten reserviert.",
         "Gezeichnete kleine Häuser unterschiedlicher Höhe rund um einen grünen Platz mit Bäumen."),
    ]),
    ("Mobilität", "#1d4ed8", _streets, [
        ("Der Wall als Boulevard",
         "Der Innenstadtring soll vom Autoring zum Boulevard für alle werden.",
         "Heute: Der Wall trennt die City von den angrenzenden Vierteln; vier Fahrspuren, wenig Platz für "
         "Fuß- und Radverkehr.\n\nWohin es gehen könnte: Zwei Spuren werden zu einem geschützten Radweg "
         "und breiten Gehwegen mit Bäumen. Ampeln geben Fußgängerinnen und Fußgängern längere Grünphasen, "
         "Stadtbahn und Busse fahren bevorzugt.",
         "Gezeichnete Straße mit blauer Stadtbahn, grünem Radweg und einem Fahrrad."),
        ("Stadtbahn und Rad bis an den Stadtrand",
         "Bessere Verbindungen zwischen den Außenbezirken, nicht nur sternförmig in die City.",
         "Heute: Wer von Aplerbeck nach Huckarde will, fährt meist über die Innenstadt. Radwege enden "
         "abrupt, Abstellanlagen an Haltestellen fehlen.\n\nWohin es gehen könnte: Querverbindungen mit "
         "Schnellbussen, ein lückenloses Radnetz entlang des RS1 und sichere Fahrradparkhäuser an jeder "
         "Stadtbahn-Endhaltestelle.",
         "Gezeichnete Straße mit Bahn und Radspur am Stadtrand, im Vordergrund ein Fahrrad."),
    ]),
    ("Klima und Umwelt", "#15803d", _nature, [
        ("Grüne Achsen durch die Stadt",
         "Vom Phoenix-See bis zum Fredenbaumpark: Grünzüge verbinden und kühlen die Stadt.",
         "Heute: Im Sommer heizen sich die Innenstadt und die dicht bebauten Viertel stark auf. Parks "
         "liegen wie Inseln verteilt.\n\nWohin es gehen könnte: Durchgehende grüne Achsen entlang der "
         "Emscher und alter Bahntrassen, mehr Straßenbäume und begrünte Dächer. Regenwasser wird vor Ort "
         "gehalten, statt in die Kanäle zu fließen.",
         "Gezeichnete Parklandschaft mit grünen Bäumen, einem blauen See und einer gelben Sonne."),
        ("Klimaneutral bis 2035: was Haushalte beitragen",
         "Solardächer, Wärmenetze und Beratung im Quartier.",
         "Heute: Viele Eigentümerinnen und Eigentümer wissen nicht, wo sie anfangen sollen; Beratung ist "
         "schwer zu finden.\n\nWohin es gehen könnte: Quartiersbüros beraten kostenlos, Mieterstrom wird "
         "einfacher, Schulen und Sporthallen bekommen Solaranlagen.",
         "Gezeichnete Landschaft mit Bäumen in Grün, einem See und der Sonne am Himmel."),
    ]),
    ("Arbeit und Wirtschaft", "#7c3aed", _industry, [
        ("Vom Kohlenpott zum Technologiestandort",
         "Alte Industrieflächen werden zu Orten für neue Arbeit.",
         "Heute: Auf früheren Zechen- und Stahlflächen wie Phoenix-West sind neue Unternehmen entstanden, "
         "aber viele Menschen finden dort keine passende Arbeit.\n\nWohin es gehen könnte: Weiterbildung "
         "direkt an den neuen Standorten, Werkstätten für Handwerk und Gründungen, und eine Verbindung von "
         "Hochschulen, Betrieben und Quartieren.",
         "Gezeichnete Stadtsilhouette mit dem Dortmunder U, einem Förderturm und violetten Hallen."),
    ]),
    ("Bildung und Teilhabe", "#0f766e", _school, [
        ("Schulen als offene Quartierszentren",
         "Schulgebäude werden nachmittags und abends für alle geöffnet.",
         "Heute: Schulhöfe und Turnhallen sind nach Unterrichtsschluss oft verschlossen; Vereine und "
         "Initiativen suchen Räume.\n\nWohin es gehen könnte: Schulen öffnen Bibliothek, Mensa und Hof "
         "für die Nachbarschaft. Sprachkurse, Hausaufgabenhilfe und Elterncafés finden dort statt, wo "
         "die Kinder ohnehin sind.",
         "Gezeichnetes Schulgebäude in Türkis mit rotem Dach, Fenstern und einer Wiese davor."),
    ]),
    ("Kultur und Freizeit", "#be185d", _culture, [
        ("Kultur in jedem Stadtteil",
         "Nicht nur im Konzerthaus: Bühnen, Ateliers und Feste in den Vierteln.",
         "Heute: Große Häuser wie Konzerthaus und Theater liegen in der City; in den Stadtteilen fehlen "
         "Räume für Proben, Ausstellungen und Feste.\n\nWohin es gehen könnte: Leerstände werden zu "
         "Ateliers auf Zeit, Parks zu Sommerbühnen, und ein Kulturbus bringt Angebote in jeden Bezirk.",
         "Gezeichnete Bühne in Pink vor dunkelblauem Hintergrund mit Publikum und gelben Musiknoten."),
    ]),
]

COMMENTS: list[tuple[int, str, str]] = [  # (result number, nickname, text)
    (0, "Leyla", "Genossenschaften sind eine gute Idee. In der Mallinckrodtstraße stehen seit Jahren Häuser leer."),
    (0, "", "Bitte auch an Wohnungen für ältere Menschen denken, die im Viertel bleiben wollen."),
    (2, "Jonas", "Ein geschützter Radweg auf dem Wall wäre für mich der Grund, mit dem Rad zur Arbeit zu fahren."),
    (4, "Marlies", "Die Emscher ist schon viel schöner geworden. Ein durchgehender Weg am Wasser fehlt noch."),
    (7, "", "Unsere Schule in Eving würde die Aula gern öffnen, es scheitert an Hausmeisterstunden."),
]
REPLY = (0, "Tobias", "Stimmt, und die Erdgeschosse könnten Gemeinschaftsräume werden.")
PROPOSAL = (2, "Aylin", "Lieferzonen mitdenken",
            "Zwischen Radweg und Gehweg feste Lieferzonen einplanen, damit Lieferwagen nicht auf dem Radweg halten.")


@functools.cache
def _drawn(topic_position: int, position: int, seed: int) -> EncodedPicture:
    """The picture of one demo result, drawn and encoded once per process (the same every time)."""
    _name, colour, painter, _entries = TOPICS[topic_position]
    picture = Image.new("RGB", SIZE, "white")
    painter(ImageDraw.Draw(picture), random.Random(seed), colour)
    return encode_picture(picture)


async def seed_results(event: Event, agenda_item: AgendaItem | None) -> list[Result]:
    """Topics, results with a drawn picture each, a few comments, a reply and a proposal."""
    results: list[Result] = []
    for topic_position, (name, colour, _painter, entries) in enumerate(TOPICS):
        topic = await Topic.create(event=event, name=name, colour=colour, position=topic_position)
        for position, (title, summary, body, alt) in enumerate(entries):
            result = await Result.create(topic=topic, title=title, summary=summary, body=body,
                                         agenda_item=agenda_item, position=position)
            stored = write_picture(_drawn(topic_position, position, len(results)))
            await ResultImage.create(result=result, position=0, alt=alt, **stored.__dict__)
            results.append(result)
    for number, (index, nickname, text) in enumerate(COMMENTS):
        await Contribution.create(event=event, result=results[index], kind=Kind.COMMENT, text=text,
                                  nickname=nickname, status=Status.PUBLISHED, author_id=f"demo-{number}")
    first = await Contribution.filter(result=results[REPLY[0]], kind=Kind.COMMENT).order_by("id").first()
    await Contribution.create(event=event, result=results[REPLY[0]], parent=first, kind=Kind.COMMENT,
                              text=REPLY[2], nickname=REPLY[1], status=Status.PUBLISHED, author_id="demo-reply")
    index, nickname, title, text = PROPOSAL
    await Contribution.create(event=event, result=results[index], kind=Kind.PROPOSAL, title=title, text=text,
                              nickname=nickname, status=Status.PUBLISHED, author_id="demo-proposal", vote_count=0)
    return results
