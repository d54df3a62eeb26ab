"""Commands for operators: `python main.py create-admin NAME` creates an organiser account.

The password comes from standard input when that is not a terminal (scripts, `echo … |`), and
is asked for twice, without echo, when it is.
"""

from __future__ import annotations

import asyncio
import getpass
import sys

import locales
import settings as settings_module
from models.database import close_database, open_database, startup_lock
from models.staff import Role
from services.errors import ServiceError
from services.staff import MIN_PASSWORD_LENGTH, create_account

COMMANDS = ("create-admin",)
USAGE = "Aufruf: python main.py create-admin NAME   (Passwort über die Standardeingabe oder Abfrage)"


def read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Passwort (mindestens {MIN_PASSWORD_LENGTH} Zeichen): ")
    if getpass.getpass("Passwort wiederholen: ") != first:
        raise SystemExit("Die Passwörter stimmen nicht überein.")
    return first


async def _create_admin(database_url: str, name: str, password: str) -> None:
    async with startup_lock(database_url):
        await open_database(database_url)
    try:
        await create_account(name, password, Role.ORGANISER)
    finally:
        await close_database()


def run(arguments: list[str]) -> int:
    """Run one command; the exit code says whether it worked."""
    if len(arguments) != 2 or arguments[0] not in COMMANDS:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        settings = settings_module.load_settings()
    except settings_module.SettingsError as error:
        print(f"Fehler in der Konfiguration – {error}", file=sys.stderr)
        return 2
    settings_module.activate(settings)
    name = arguments[1]
    try:
        asyncio.run(_create_admin(settings.effective_database_url, name, read_password()))
    except ServiceError as error:
        print(f"Nicht angelegt: {_explain(error)}", file=sys.stderr)
        return 1
    print(f"Organisationskonto „{name}“ angelegt. Anmelden unter {settings.effective_public_url}/login")
    return 0


def _explain(error: ServiceError) -> str:
    return locales.translate("de", f"error.{error.key}", **error.params)
