"""Screenshots of the dashboard for the README: the bundled examples are ingested into a
temporary store, `dyad serve` serves it on loopback, and Debian's chromium (driven by
Playwright) takes the pictures.

    .venv/bin/python scripts/screenshots.py            # writes docs/img/overview.png, dyad.png
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: (file name, page, how much of the page to show in pixels from the top)
SHOTS = [("overview.png", "/", 1250), ("dyad.png", "/ui/dyad/CHN/JPN", 1250)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    opts = ap.parse_args()
    opts.out.mkdir(parents=True, exist_ok=True)
    dyad = str(Path(sys.executable).with_name("dyad"))
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'examples.sqlite'}"
        subprocess.run([dyad, "ingest", str(ROOT / "examples"), "--db", db], check=True)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([dyad, "serve", "--port", str(port), "--db", db])
        try:
            _wait(base, server)
            with sync_playwright() as p:
                context = p.chromium.launch_persistent_context(
                    str(Path(tmp) / "profile"),
                    executable_path=opts.chromium,
                    args=ARGS,
                    headless=True,
                    viewport={"width": 1280, "height": 900},
                )
                page = context.new_page()
                for name, path, height in SHOTS:
                    page.goto(base + path)
                    for chart in page.locator(".chart").all():
                        chart.and_(page.locator("[data-drawn]")).wait_for(timeout=30000)
                    page.wait_for_timeout(500)
                    page.screenshot(
                        path=str(opts.out / name),
                        clip={"x": 0, "y": 0, "width": 1280, "height": height},
                        full_page=True,
                    )
                    print(f"wrote {opts.out / name}")
                context.close()
        finally:
            server.terminate()
            server.wait(10)


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("dyad serve stopped")
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("dyad serve did not start in 60 s")


if __name__ == "__main__":
    main()
