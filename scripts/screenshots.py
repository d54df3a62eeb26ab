"""Screenshots of every page, for the README and for reviewing the layout by eye.

Starts the app (`python main.py`, DEMO=true) on a fresh SQLite database in a temporary folder,
creates an organiser with `python main.py create-admin pruefung` (password on standard input),
signs in and writes full-page PNGs of /, /agenda, /results, /results/<first>, /wall, /login and
/moderation at 360 px and 1366 px wide, plus /screen at 1920×1080, into docs/screenshots/.

    python scripts/screenshots.py
    python scripts/screenshots.py --out /tmp/shots --chromium /usr/bin/chromium
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PAGES = {"home": "/", "agenda": "/agenda", "results": "/results", "result": "/results/{result}",
         "wall": "/wall", "login": "/login", "moderation": "/moderation"}
WIDTHS = (360, 1366)
STAFF_NAME = "pruefung"
CONNECTED = "window.socket && window.socket.connected && window.did_handshake"


def app_environment(port: int, folder: Path) -> dict[str, str]:
    return {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "DEMO": "true",
            "DATA_DIR": str(folder / "data"), "DATABASE_URL": f"sqlite://{folder / 'screenshots.sqlite3'}",
            "STORAGE_SECRET": "screenshots", "NICEGUI_STORAGE_PATH": str(folder / "nicegui")}


def start_app(env: dict[str, str], folder: Path) -> subprocess.Popen[bytes]:
    log = folder / "app.log"
    with open(log, "w") as stderr:
        process = subprocess.Popen([sys.executable, str(ROOT / "main.py")], env=env, cwd=folder,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{env['PORT']}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit("the app did not start:\n" + "\n".join(log.read_text().splitlines()[-15:]))


def create_organiser(env: dict[str, str], folder: Path, password: str) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "create-admin", STAFF_NAME],
                          input=password + "\n", text=True, env=env, cwd=folder, capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"create-admin failed ({done.returncode}): {done.stderr.strip()}")


def settle(tab: Page) -> None:
    """Wait until the page is connected, its fonts are loaded and nothing is fetched any more."""
    tab.wait_for_function(CONNECTED)
    tab.wait_for_load_state("networkidle")
    tab.evaluate("document.fonts.ready.then(() => true)")
    # lazily loaded pictures: scroll through once so a full-page shot shows them
    tab.evaluate("""async () => {
      const images = [...document.images].filter(image => image.loading === 'lazy');
      images.forEach(image => { image.loading = 'eager'; });
      await Promise.all([...document.images].map(image => image.complete ? null
        : new Promise(done => { image.onload = image.onerror = done; })));
    }""")
    tab.wait_for_timeout(300)  # let the last live update and transitions paint


def sign_in(tab: Page, base: str, password: str) -> None:
    tab.goto(f"{base}/login?next=/moderation")
    tab.locator("input[name=name]").fill(STAFF_NAME)
    tab.locator("input[name=password]").fill(password)
    tab.locator("button[type=submit]").click()
    tab.wait_for_url("**/moderation")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    base = f"http://127.0.0.1:{args.port}"
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = app_environment(args.port, folder)
        app = start_app(env, folder)
        try:
            create_organiser(env, folder, password)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                context = browser.new_context(locale="de-DE", viewport={"width": 1366, "height": 900})
                tab = context.new_page()
                tab.goto(f"{base}/results")
                settle(tab)
                first = tab.locator("a[href^='/results/']").first.get_attribute("href")
                if not first:
                    raise SystemExit("no result on /results")
                result_id = first.rsplit("/", 1)[-1]
                for width in WIDTHS:
                    tab.set_viewport_size({"width": width, "height": 900})
                    for slug, path in PAGES.items():
                        if slug == "login":
                            context.clear_cookies()  # /login as a visitor sees it
                        elif slug == "moderation":
                            sign_in(tab, base, password)
                        tab.goto(base + path.format(result=result_id))
                        settle(tab)
                        target = args.out / f"{slug}-{width}.png"
                        tab.screenshot(path=str(target), full_page=True)
                        written.append(target)
                    context.clear_cookies()
                tab.set_viewport_size({"width": 1920, "height": 1080})
                tab.goto(f"{base}/screen")
                settle(tab)
                target = args.out / "screen-1920.png"
                tab.screenshot(path=str(target))
                written.append(target)
                browser.close()
        finally:
            app.terminate()
            app.wait(10)
    total = sum(path.stat().st_size for path in written)
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KiB")
    print(f"{len(written)} screenshots, {total / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
