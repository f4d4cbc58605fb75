"""The driver file for ``spark-submit``: ``spark-submit [options] submit.py code IN OUT``."""

from __future__ import annotations

from dyad.spark.cli import app

if __name__ == "__main__":
    app()
