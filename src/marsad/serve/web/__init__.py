"""The web app and HTTP API over a store (`marsad serve`).

`create_app(db, token=...)` gives a FastAPI app: server-rendered right-to-left pages
(Arabic, with English at `?lang=en`), each with a JSON twin under `/api`, Atom feeds, CSV
downloads, and `POST /api/articles` to add articles through the same pipeline as
`marsad analyze`.
"""

from __future__ import annotations

from marsad.serve.web.app import MAX_BODY, MAX_QUERY, create_app

__all__ = ["MAX_BODY", "MAX_QUERY", "create_app"]
