"""The documentation stays true: its examples run, its generated reference pages are current,
and every command, option, route and setting is documented."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyad._docgen import PAGES, cli_commands, generate, openapi_schema

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.S | re.M)
#: Set-up commands shown to be copied, not run (they build the environment the tests run in).
NOT_RUN = {"sh", "text", ""}


@dataclass
class Block:
    lang: str
    code: str
    line: int


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    return [
        Block(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 2)
        for m in FENCE.finditer(text)
    ]


def hand_written() -> list[Path]:
    generated = {DOCS / name for name in PAGES}
    return sorted(p for p in DOCS.rglob("*.md") if p not in generated)


def test_fences_are_known_languages() -> None:
    for page in hand_written():
        for b in blocks(page):
            assert b.lang in {"python", "console"} | NOT_RUN, (
                f"{page.name}:{b.line}: a ```{b.lang} block is neither run nor marked as text"
            )


def _run_console(block: Block, page: Path) -> None:
    from dyad.cli import app

    runner = CliRunner()
    commands = [ln[2:] for ln in block.code.splitlines() if ln.startswith("$ ")]
    assert commands, f"{page.name}:{block.line}: a console block without a $ command"
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "dyad", f"{page.name}:{block.line}: only dyad commands run: {command}"
        result = runner.invoke(app, args[1:])
        assert result.exit_code == 0, (
            f"{page.name}:{block.line}: `{command}` exited {result.exit_code}\n{result.output}"
            f"\n{result.exception!r}"
        )


def _check_figure(namespace: dict[str, Any]) -> None:
    """The notebook example draws its plot from the data: lines with points, stacked bars."""
    fig = namespace["fig"]
    lines = [ln for ax in fig.axes for ln in ax.get_lines() if len(ln.get_xdata()) > 1]
    assert lines, "the Goldstein plot has no line with data"
    bars = [p for ax in fig.axes for p in ax.patches if p.get_height() > 0]
    assert bars, "the quad-class plot has no bars"
    monthly = namespace["monthly"]
    assert sum(p.get_height() for p in bars) == monthly["events"].sum()


@pytest.mark.model
@pytest.mark.parametrize(
    "page",
    [p for p in hand_written() if any(b.lang in ("python", "console") for b in blocks(p))],
    ids=lambda p: str(p.relative_to(DOCS)),
)
def test_examples_run(
    page: Path, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's blocks run in order, in one namespace, in a scratch folder that has the
    bundled examples, against a fresh store."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(work)
    monkeypatch.setenv("DYAD_DB", store_url)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    namespace: dict[str, Any] = {"__name__": f"docs.{page.stem}"}
    try:
        for block in blocks(page):
            if block.lang == "python":
                source = "\n" * (block.line - 1) + block.code  # tracebacks show page lines
                code = compile(source, str(page.relative_to(ROOT)), "exec")
                exec(code, namespace)
            elif block.lang == "console":
                _run_console(block, page)
        if page.name == "notebook.md":
            _check_figure(namespace)
    finally:
        store = namespace.get("store")
        if store is not None and hasattr(store, "close"):
            store.close()
        if "plt" in namespace:
            namespace["plt"].close("all")


def test_generated_reference_is_current() -> None:
    stale = [
        name
        for name, text in generate().items()
        if not (DOCS / name).is_file() or (DOCS / name).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"out of date: {stale}; run `python scripts/gen_docs.py`"


def test_every_command_and_option_is_documented() -> None:
    cli = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    for path, cmd in cli_commands():
        assert f"\n## {path}\n" in cli, f"`{path}` is missing from docs/reference/cli.md"
        assert (cmd.help or "").strip(), f"`{path}` has no help text (its docstring)"
        for p in cmd.params:
            assert getattr(p, "help", None), f"`{path}` {p.name}: no help text"


def test_every_route_is_documented() -> None:
    rest = (DOCS / "reference" / "rest.md").read_text(encoding="utf-8")
    for path, methods in openapi_schema()["paths"].items():
        for method, op in methods.items():
            assert f"\n## {method.upper()} {path}\n" in rest, f"{method.upper()} {path}"
            assert op.get("summary") or op.get("description"), f"{method} {path}: no summary"


def test_every_setting_is_documented() -> None:
    read = set()
    for source in (ROOT / "dyad").rglob("*.py"):
        read |= set(re.findall(r"\bDYAD_[A-Z][A-Z0-9_]*", source.read_text(encoding="utf-8")))
    assert "DYAD_DB" in read
    documented = "".join(p.read_text(encoding="utf-8") for p in hand_written())
    missing = sorted(s for s in read if f"`{s}`" not in documented)
    assert not missing, f"settings read by the code but not documented: {missing}"


def test_nav_lists_every_page() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in DOCS.rglob("*.md"):
        assert str(page.relative_to(DOCS)) in nav, f"{page} is not in mkdocs.yml's nav"
