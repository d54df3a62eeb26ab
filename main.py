"""Start stadtgespraech: read settings, register the database, import the pages, run."""

from __future__ import annotations

import sys

from nicegui import app, ui

import cli
import settings as settings_module
from features.system import lifecycle
from features.system.door import MESSAGE_LIMIT, cap_socket_messages, server_limits
from features.system.headers import SecurityHeaders
from models.database import DatabaseUnavailable


def main() -> None:
    if len(sys.argv) > 1:  # operators' sub-commands (create-admin, …); an unknown one exits with 2
        raise SystemExit(cli.main(sys.argv[1:]))
    try:
        settings = settings_module.load_settings()
    except settings_module.SettingsError as error:
        print(f"Fehler in der Konfiguration – {error}", file=sys.stderr)
        raise SystemExit(2) from None
    settings_module.activate(settings)
    try:
        lifecycle.check_start(settings)  # a broken database or a second process: one line, exit (issue 19)
    except DatabaseUnavailable as error:
        print(f"Start abgebrochen – {error}", file=sys.stderr)
        raise SystemExit(1) from None

    lifecycle.install(settings)
    cap_socket_messages()  # a megabyte on the socket is refused before it is read (issue 19)

    import pages

    pages.register_all()
    app.add_middleware(SecurityHeaders, frame_ancestors=settings.frame_ancestors)
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
        session_middleware_kwargs={"https_only": settings.secure_cookies},  # the browser id's cookie too
        forwarded_allow_ips=settings.forwarded_allow_ips,
        **server_limits(),  # slow and silent connections are closed (issue 19)
    )


if __name__ in {"__main__", "__mp_main__"}:
    main()
