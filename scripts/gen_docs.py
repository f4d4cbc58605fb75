"""Regenerate the reference pages from the code (CLI, REST API, DataFrame columns).

    python scripts/gen_docs.py          # rewrite docs/reference/{cli,rest,columns}.md
    python scripts/gen_docs.py --check  # exit 1 if a committed page is out of date

Run it after changing a command, an option, a route or a column; tests/docs checks it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dyad._docgen import generate

DOCS = Path(__file__).resolve().parent.parent / "docs"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, text in generate().items():
        path = DOCS / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "out of date" if check else "written"
    for name in stale:
        print(f"docs/{name} {verb}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
