"""Commands for operators.

`python main.py create-admin NAME` creates an organiser account. The password comes from standard
input when that is not a terminal (scripts, `echo … |`), and is asked for twice, without echo,
when it is.

`python main.py export --format csv|json|pdf --out FILE [--event ID] [--lang de|en] [--as NAME]`
writes the same export as /admin (features.exports.service) for the shown event or the given one. It acts
as an organiser account (`--as NAME`, else the oldest active organiser), so the role check and
the audit log entry are the same as in the browser; the log notes that it came from the CLI.

`python main.py check` runs the preflight (features.system.preflight) without starting the server:
one line per check, OK / WARNUNG / FEHLER with what to do, exit code 0 / 1 (warnings) / 2 (errors),
so a deployment pipeline can run it.

`python main.py event export --out FILE [--event ID]` writes the setup of the shown event (or the
given one) as one JSON file, its pictures beside it; `python main.py event import FILE` reads such
a file back as a new event (features.admin.event_file, docs/event-file.md). A refused file names
every wrong field and exits with 2; nothing is imported then.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import locales
import settings as settings_module
from core.errors import NotFound, ServiceError, one_line
from features.admin.event_file import EventFileInvalid, import_event_file, write_event_file
from features.agenda.service import current_event
from features.exports.service import FORMATS, ExportFile, export_event
from features.staff.service import MIN_PASSWORD_LENGTH, create_account
from features.system.preflight import Check, Level, run_checks, worst
from models.database import check_database, close_database, open_database, startup_lock
from models.event import Event
from models.staff import STAFF_NAME_MAX_LENGTH, Role, StaffAccount

T = TypeVar("T")
COMMANDS = ("create-admin", "export", "event", "check")
HELP = ("-h", "--help", "help")
USAGE = "Aufruf: python main.py create-admin NAME   (Passwort über die Standardeingabe oder Abfrage)"
EXPORT_USAGE = "python main.py export --format csv|json|pdf --out DATEI [--event ID] [--lang de|en] [--as NAME]"
EVENT_USAGE = "python main.py event export --out DATEI [--event ID] | python main.py event import DATEI"
CHECK_USAGE = "python main.py check [--lang de|en]"
COMMAND_LIST = (
    "Befehle:\n"
    "  python main.py                      die App starten\n"
    "  python main.py create-admin NAME    ein Organisationskonto anlegen\n"
    f"  {EXPORT_USAGE}\n"
    f"  {EVENT_USAGE}\n"
    f"  {CHECK_USAGE}           bereit für den Tag? (Exit-Code 0 ok, 1 Warnungen, 2 Fehler)"
)
LARGEST_ID = 2**31 - 1  # ids are 32-bit integers in the database (PostgreSQL INTEGER)


def read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Passwort (mindestens {MIN_PASSWORD_LENGTH} Zeichen): ")
    if getpass.getpass("Passwort wiederholen: ") != first:
        raise SystemExit("Die Passwörter stimmen nicht überein.")
    return first


async def _with_database(database_url: str, work: Callable[[], Awaitable[T]]) -> T:
    """Every command opens the database the way the app does (migrations under the start-up lock)."""
    async with startup_lock(database_url):
        await open_database(database_url)
    try:
        return await work()
    finally:
        await close_database()


async def _create_admin(database_url: str, name: str, password: str) -> None:
    await _with_database(database_url, lambda: create_account(name, password, Role.ORGANISER))


def _settings() -> settings_module.Settings | None:
    try:
        settings = settings_module.load_settings()
    except settings_module.SettingsError as error:
        print(f"Fehler in der Konfiguration – {error}", file=sys.stderr)
        return None
    settings_module.activate(settings)
    return settings


def main(arguments: list[str]) -> int:
    """What `python main.py ARGUMENTS…` runs: one command, and never a traceback, whatever the input.

    Every expected failure has its own clear line below; this is the last net for the rest."""
    try:
        return run(arguments)
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return 130
    except Exception as error:  # one line instead of a traceback
        print(f"Fehler: {one_line(error)}", file=sys.stderr)
        return 1


def _printable(text: str) -> str:
    return "".join(char if char.isprintable() else "?" for char in text)[:80]


def run(arguments: list[str]) -> int:
    """Run one command; the exit code says whether it worked (2: the command line was wrong)."""
    if arguments[:1] and arguments[0] in HELP:
        print(COMMAND_LIST)
        return 0
    if arguments and arguments[0] not in COMMANDS:
        print(f"Unbekannter Befehl „{_printable(arguments[0])}“.", file=sys.stderr)
        print(COMMAND_LIST, file=sys.stderr)
        return 2
    if arguments[:1] == ["export"]:
        return run_export(arguments[1:])
    if arguments[:1] == ["event"]:
        return run_event(arguments[1:])
    if arguments[:1] == ["check"]:
        return run_check(arguments[1:])
    if len(arguments) != 2 or arguments[0] not in COMMANDS:
        print(USAGE, file=sys.stderr)
        print(f"        {EXPORT_USAGE}", file=sys.stderr)
        print(f"        {EVENT_USAGE}", file=sys.stderr)
        return 2
    settings = _settings()
    if settings is None:
        return 2
    name = arguments[1]
    try:
        asyncio.run(_create_admin(settings.effective_database_url, name, read_password()))
    except ServiceError as error:
        print(f"Nicht angelegt: {_explain(error)}", file=sys.stderr)
        return 1
    print(f"Organisationskonto „{name}“ angelegt. Anmelden unter {settings.effective_public_url}/login")
    return 0


def event_id(text: str) -> int:
    """An `--event` number the database can hold, or argparse's one line and exit 2."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"keine Veranstaltungsnummer: {_printable(text)}") from None
    if not 1 <= number <= LARGEST_ID:
        raise argparse.ArgumentTypeError(f"keine Veranstaltungsnummer (1 bis {LARGEST_ID}): {_printable(text)}")
    return number


def _explain(error: ServiceError) -> str:
    return locales.translate("de", f"error.{error.key}", **error.params)


# --- export ------------------------------------------------------------------------------------
def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py export", usage=EXPORT_USAGE, description="Export der Beiträge für die Dokumentation."
    )
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("--out", required=True, type=Path, help="Zieldatei (wird überschrieben)")
    parser.add_argument("--event", type=event_id, default=None, help="Veranstaltung (Standard: die angezeigte)")
    parser.add_argument("--lang", default=locales.DEFAULT_LANGUAGE, choices=locales.LANGUAGES)
    parser.add_argument("--as", dest="staff", default=None, help="Organisationskonto (Standard: das älteste)")
    return parser


async def _organiser(name: str | None) -> StaffAccount:
    """The account the export runs as: the named one, else the oldest active organiser."""
    if name is not None:  # a name longer than any account's is nobody's
        account = await StaffAccount.get_or_none(name=name) if len(name) <= STAFF_NAME_MAX_LENGTH else None
    else:
        account = await StaffAccount.filter(role=Role.ORGANISER, active=True).order_by("id").first()
    if account is None:
        raise ServiceError("export.no_organiser")
    return account


async def export_to_file(
    fmt: str, out: Path, *, event_id: int | None = None, language: str = "de", staff_name: str | None = None
) -> ExportFile:
    """What `export` does once the database is open. The file appears whole or not at all."""
    actor = await _organiser(staff_name)
    event = await (Event.get_or_none(id=event_id) if event_id is not None else current_event())
    if event is None:
        raise NotFound("event_not_found")
    exported = await export_event(actor, event.id, fmt, language=language, via="cli")
    partial = out.with_name(f".{out.name}.part")
    partial.write_bytes(exported.data)
    partial.replace(out)
    return exported


async def _export(database_url: str, options: argparse.Namespace) -> ExportFile:
    return await _with_database(
        database_url,
        lambda: export_to_file(
            options.format, options.out, event_id=options.event, language=options.lang, staff_name=options.staff
        ),
    )


def _parsed(
    parser: argparse.ArgumentParser, arguments: list[str]
) -> tuple[argparse.Namespace, settings_module.Settings] | int:
    """A sub-command's options and the settings, or the exit code when either is wrong (said already)."""
    try:
        options = parser.parse_args(arguments)
    except SystemExit as stop:  # argparse printed the usage and what was wrong
        return int(stop.code or 0)
    settings = _settings()
    if settings is None:
        return 2
    return options, settings


def run_export(arguments: list[str]) -> int:
    parsed = _parsed(_export_parser(), arguments)
    if isinstance(parsed, int):
        return parsed
    options, settings = parsed
    try:
        exported = asyncio.run(_export(settings.effective_database_url, options))
    except ServiceError as error:
        print(f"Nicht exportiert: {_explain(error)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Nicht exportiert: {options.out} kann nicht geschrieben werden ({error.strerror})", file=sys.stderr)
        return 1
    print(f"Export geschrieben: {options.out} ({len(exported.data)} Bytes, {options.format.upper()})")
    return 0


# --- event export / import: the setup as one file -----------------------------------------------
def _event_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py event",
        usage=EVENT_USAGE,
        description="Die Veranstaltung als eine Datei (docs/event-file.md).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export", prog="python main.py event export", help="Veranstaltung in eine JSON-Datei schreiben"
    )
    export.add_argument("--out", required=True, type=Path, help="Zieldatei (wird überschrieben)")
    export.add_argument("--event", type=event_id, default=None, help="Veranstaltung (Standard: die angezeigte)")
    read = commands.add_parser(
        "import", prog="python main.py event import", help="Veranstaltung aus einer JSON-Datei einlesen"
    )
    read.add_argument("file", type=Path, help="die Veranstaltungsdatei")
    return parser


def run_event(arguments: list[str]) -> int:
    parsed = _parsed(_event_parser(), arguments)
    if isinstance(parsed, int):
        return parsed
    options, settings = parsed
    url = settings.effective_database_url
    if options.command == "export":
        try:
            written = asyncio.run(_with_database(url, lambda: write_event_file(options.out, options.event)))
        except ServiceError as error:
            print(f"Nicht exportiert: {_explain(error)}", file=sys.stderr)
            return 1
        except OSError as error:
            print(f"Nicht exportiert: {options.out} kann nicht geschrieben werden ({error.strerror})", file=sys.stderr)
            return 1
        for path in written.missing_pictures:
            print(f"Hinweis: {path} fehlt, die Bilddatei ist nicht mehr da.", file=sys.stderr)
        print(f"Veranstaltung geschrieben: {written.path} ({written.size} Bytes, {written.pictures} Bilder)")
        return 0
    try:
        event = asyncio.run(_with_database(url, lambda: import_event_file(options.file)))
    except EventFileInvalid as refused:
        print(f"Nicht eingelesen: {locales.translate('de', refused.key, **refused.params)}", file=sys.stderr)
        for problem in refused.problems:
            print(f"  {problem.message('de')}", file=sys.stderr)
        return 2
    except ServiceError as error:
        print(f"Nicht eingelesen: {_explain(error)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Nicht eingelesen: {options.file} kann nicht gelesen werden ({error.strerror})", file=sys.stderr)
        return 1
    print(f"Veranstaltung „{event.title}“ eingelesen (Nr. {event.id}).")
    return 0


# --- check: the preflight ----------------------------------------------------------------------
CHECK_EXIT = {Level.OK: 0, Level.WARNING: 1, Level.ERROR: 2}
LEVEL_WIDTH = 9  # "WARNUNG  " / "WARNING  ": the texts start in one column


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py check", usage=CHECK_USAGE, description="Prüft, ob die Installation bereit für den Tag ist."
    )
    parser.add_argument("--lang", default=locales.DEFAULT_LANGUAGE, choices=locales.LANGUAGES)
    return parser


async def _checks(settings: settings_module.Settings) -> list[Check]:
    """The checks with the database opened like every command; one that cannot be opened is the
    database line's ERROR (run_checks finds it unreachable), never a traceback."""
    url = settings.effective_database_url
    try:
        check_database(url)  # an unreachable PostgreSQL says so within its timeout
        async with startup_lock(url):
            await open_database(url)
    except Exception as error:  # the database line says it is unreachable; this says why
        print(f"Datenbank: {one_line(error)}", file=sys.stderr)
        await close_database()
        return await run_checks(settings)
    try:
        return await run_checks(settings)
    finally:
        await close_database()


def check_line(check: Check, language: str) -> str:
    label = locales.translate(language, f"preflight.level.{check.level}")
    return f"{label:<{LEVEL_WIDTH}}{locales.translate(language, check.text_key, **check.params)}"


def run_check(arguments: list[str]) -> int:
    parsed = _parsed(_check_parser(), arguments)
    if isinstance(parsed, int):
        return parsed
    options, settings = parsed
    checks = asyncio.run(_checks(settings))
    for check in checks:
        print(check_line(check, options.lang))
    return CHECK_EXIT[worst(checks)]
