"""The analyst's dashboard: server-rendered pages (Jinja2) with Plotly charts, served by the
same FastAPI app as the REST API (``dyad serve``). Pages live at ``/`` and under ``/ui``;
plotly.js comes from the installed ``plotly`` package, so nothing is fetched from elsewhere."""

from __future__ import annotations

from dyad.web.routes import mount

__all__ = ["mount"]
