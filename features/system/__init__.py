"""Start and stop, the demo event, and the routes around the pages (/healthz, /lang)."""
