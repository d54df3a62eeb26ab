"""How fast /results and one /results/{id} answer with 200 results and 20,000 contributions.

Seeds a fresh SQLite database in a temporary folder (through the app's own migrations), starts the
app (`python main.py`, DEMO=false) on it, and requests each page several times with httpx: time to
first byte (response headers) and time to the whole page. Prints one summary line, writes JSON.

    python benchmarks/results_gallery.py --runs 10 --out benchmarks/results/results_gallery.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import _load  # noqa: E402  (benchmarks/ is on the path when the script runs)

TOPICS = ["Wohnen und Quartiere", "Mobilität", "Klima und Umwelt", "Arbeit und Wirtschaft", "Bildung und Teilhabe",
          "Kultur und Freizeit"]


async def seed(folder: Path, results: int, contributions: int) -> int:
    """Build the database and fill it; returns the id of the result with the most contributions."""
    os.environ["DATA_DIR"] = str(folder / "data")
    import settings as settings_module

    settings_module.activate(settings_module.load_settings())
    from PIL import Image

    from core.media import save_picture
    from models.contribution import Contribution, Kind, Status
    from models.database import close_database, open_database
    from models.event import AgendaItem, Event
    from models.result import Result, ResultImage, Topic

    await open_database(f"sqlite://{folder / 'bench.sqlite3'}")
    now = datetime.now(UTC)
    event = await Event.create(title="Benchmark", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3),
                               participation_opens_at=now - timedelta(hours=1),
                               participation_closes_at=now + timedelta(days=30))
    item = await AgendaItem.create(event=event, title="Ausgangsbilder", starts_at=now, ends_at=now + timedelta(hours=1))
    stored = save_picture(Image.new("RGB", (960, 600), "#1d4ed8"))  # one picture, shown by every card
    topics = [await Topic.create(event=event, name=name, position=index) for index, name in enumerate(TOPICS)]
    rnd = random.Random(4)
    body = "Heute und morgen in Dortmund: Wege, Plätze, Häuser. " * 20
    await Result.bulk_create([
        Result(topic=topics[number % len(topics)], title=f"Ergebnis {number}", summary="Kurzfassung " * 8,
               body=body, agenda_item=item, position=number) for number in range(results)
    ])
    made = list(await Result.all().order_by("id"))
    await ResultImage.bulk_create(
        [ResultImage(result=result, alt=f"Bild {result.id}", **stored.__dict__) for result in made]
    )
    hot = made[0]
    rows = []
    for number in range(contributions):
        result = hot if number % 50 == 0 else rnd.choice(made)
        kind = Kind.PROPOSAL if number % 7 == 0 else Kind.COMMENT
        rows.append(Contribution(
            event=event, result=result, kind=kind, title="Vorschlag" if kind == Kind.PROPOSAL else "",
            text=f"Beitrag {number} " * 6, author_id=f"a{number % 3000}", status=Status.PUBLISHED,
            vote_count=rnd.randint(0, 20),
        ))
    await Contribution.bulk_create(rows, batch_size=2000)
    await close_database()
    return hot.id


def measure(url: str, runs: int) -> dict[str, float]:
    first_bytes, totals, sizes = [], [], []
    with httpx.Client(timeout=30) as client:
        client.get(url)  # warm-up: imports, caches
        for _ in range(runs):
            started = time.perf_counter()
            with client.stream("GET", url) as response:
                first = time.perf_counter()
                size = sum(len(chunk) for chunk in response.iter_bytes())
                done = time.perf_counter()
            assert response.status_code == 200, (url, response.status_code)
            first_bytes.append((first - started) * 1000)
            totals.append((done - started) * 1000)
            sizes.append(size)
    return {"ttfb_ms_median": round(statistics.median(first_bytes), 1),
            "total_ms_median": round(statistics.median(totals), 1),
            "total_ms_max": round(max(totals), 1), "bytes": sizes[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=200)
    parser.add_argument("--contributions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "results_gallery.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seeding = time.perf_counter()
        hot = asyncio.run(seed(folder, args.results, args.contributions))
        seeded_s = time.perf_counter() - seeding
        process = _load.start_app(args.port, folder, extra_env={"DEMO": "false"})  # the seeded database as it is
        try:
            base = f"http://127.0.0.1:{args.port}"
            gallery = measure(f"{base}/results", args.runs)
            detail = measure(f"{base}/results/{hot}", args.runs)
        finally:
            _load.stop(process)
    report = {"results": args.results, "contributions": args.contributions, "runs": args.runs,
              "seed_s": round(seeded_s, 1), "gallery": gallery, "detail": detail, "detail_result_id": hot,
              "machine": f"{platform.machine()} {os.cpu_count()} cpu, Python {platform.python_version()}"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"/results ({args.results} results, {args.contributions} contributions): "
          f"ttfb {gallery['ttfb_ms_median']} ms, "
          f"page {gallery['total_ms_median']} ms, {gallery['bytes'] // 1024} KiB; /results/{hot}: ttfb "
          f"{detail['ttfb_ms_median']} ms, page {detail['total_ms_median']} ms (medians of {args.runs})")


if __name__ == "__main__":
    main()
