"""Start stadtgespraech: read settings, register the database, import the pages, run."""

from __future__ import annotations

import sys

from nicegui import ui

import cli
import settings as settings_module
from features.system import lifecycle
from features.system.door import MESSAGE_LIMIT, cap_socket_messages


def main() -> None:
    if len(sys.argv) > 1:  # operators' sub-commands (create-admin, …); an unknown one exits with 2
        raise SystemExit(cli.main(sys.argv[1:]))
    try:
        settings = settings_module.load_settings()
    except settings_module.SettingsError as error:
        print(f"Fehler in der Konfiguration – {error}", file=sys.stderr)
        raise SystemExit(2) from None
    settings_module.activate(settings)

    lifecycle.install(settings)
    cap_socket_messages()  # a megabyte on the socket is refused before it is read (issue 19)

    import pages

    pages.register_all()
    ui.run(
        host=settings.host,
        port=settings.port,
        title="Stadtgespräch",
        language="de",
        storage_secret=settings.storage_secret,
        reload=False,
        show=False,
        favicon="🏛️",
        ws_max_size=MESSAGE_LIMIT,
    )


if __name__ in {"__main__", "__mp_main__"}:
    main()
