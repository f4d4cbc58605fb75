"""The REST API over the store: events, dyads, actors, articles and quotes as JSON, and adding
articles with an API key. ``dyad serve`` runs it; :func:`create_app` builds it."""

from __future__ import annotations

from dyad.api.app import create_app

__all__ = ["create_app"]
