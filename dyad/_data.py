"""Reading the project's data files (TSV tables under ``dyad/data``).

Files are read through importlib.resources so the package works from a wheel, a zip or a
checkout alike; a user may pass their own path instead.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from dyad.errors import DataFileError

__all__ = ["data_path", "read_tsv", "split_cell"]


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``dyad/data``."""
    root = resources.files("dyad") / "data"
    return Path(str(root.joinpath(*parts)))


def split_cell(value: str | None) -> list[str]:
    """Split a ``|``-separated cell into stripped, non-empty values."""
    if not value:
        return []
    return [v.strip() for v in value.split("|") if v.strip()]


def read_tsv(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data line of a commented TSV file.

    Comment lines (``#``) and blank lines are skipped; the first other line is the header.
    Columns in ``required`` must be present and non-empty; those in ``optional`` must be
    present and may be empty.
    A missing column or a short row raises :class:`DataFileError` naming file and line,
    because a silently skipped lexicon line is a rule that never fires.
    """
    header: list[str] | None = None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from exc
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in (*required, *optional) if c not in header]
            if missing:
                raise DataFileError(f"{path}:{lineno}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise DataFileError(
                f"{path}:{lineno}: {len(cells)} cells but the header has {len(header)} columns"
            )
        cells += [""] * (len(header) - len(cells))
        row = {h: c.strip() for h, c in zip(header, cells, strict=True)}
        for col in required:
            if not row.get(col):
                raise DataFileError(f"{path}:{lineno}: empty {col!r}")
        yield lineno, row
    if header is None:
        raise DataFileError(f"{path}: no header row")
