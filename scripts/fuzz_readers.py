"""Coverage-guided fuzzing of the readers with atheris (libFuzzer): bytes in, articles or
problems out, never an exception. Every suffix in ``dyad.sources.READERS`` is fuzzed (the
first input byte picks it), so a new reader is covered once it is registered.

    .venv/bin/pip install atheris
    .venv/bin/python scripts/fuzz_readers.py -max_total_time=180 -rss_limit_mb=4096 [corpus_dir]

Not part of the test suite (tests/fuzz/ has the hypothesis tests that CI runs).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import atheris

# Only the readers are instrumented (spaCy and the rest are imported, not traced).
with atheris.instrument_imports(include=["dyad.sources"]):
    from dyad.sources import READERS, Article, Problem, read_path, read_stdin
    from dyad.sources.base import FIELD_LIMITS

SUFFIXES = sorted(READERS)
FOLDER = Path(tempfile.mkdtemp(prefix="dyad-atheris-"))


def check(item: object, where: str) -> None:
    if isinstance(item, Problem):
        assert item.where == where and item.message
        return
    assert isinstance(item, Article), item
    assert item.text.strip() and "\x00" not in item.text
    item.text.encode("utf-8")
    assert 0 < len(item.id) <= FIELD_LIMITS["id"]


def one_input(data: bytes) -> None:
    if not data:
        return
    pick, body = data[0], data[1:]
    if pick % (len(SUFFIXES) + 1) == len(SUFFIXES):
        text = body.decode("utf-8", "surrogateescape")
        for item in read_stdin(stream=io.StringIO(text)):
            check(item, "<stdin>")
        return
    path = FOLDER / f"input{SUFFIXES[pick % (len(SUFFIXES) + 1)]}"
    path.write_bytes(body)
    for item in read_path(path):
        check(item, str(path))


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
