"""The dyad command end to end, in-process through Typer's runner (the real code path)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.sources import read_paths
from dyad.types import Article
from tests.conftest import EXAMPLES, NEWS, SEED

pytestmark = pytest.mark.model
runner = CliRunner()


def _run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_code_seed_jsonl_headline_event(shared: Path) -> None:
    r = _run("code", str(SEED), "--format", "jsonl")
    assert r.exit_code == 0, r.output
    [line] = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert line["id"] == SEED.stem
    assert any(q["speaker"] and q["speaker"]["code"] == "CHN" for q in line["quotes"])
    hits = [
        e
        for e in line["events"]
        if e["actor"]
        and e["actor"]["code"] == "CHN"
        and e["recipient"]
        and e["recipient"]["code"] == "JPN"
        and e["cameo_root"] == "13"
        and e["event_type"] == "THREATEN"
        and e["date"] == "2021-08-19"
        and e["sentence_index"] == 0
    ]
    assert hits


def test_code_jsonl_one_line_per_record_in_order(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    recs = [
        {"id": "r2", "text": "Russia accused Ukraine of shelling the plant.", "date": "2022-08-01"},
        {"id": "r1", "text": "The weather was fine.", "date": "2022-08-02"},
        {"id": "r3", "text": "Japan sent aid to Turkey.", "date": "2022-08-03"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    r = _run("code", str(f), "--format", "jsonl")
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["r2", "r1", "r3"]
    assert lines[1]["events"] == []
    assert any(e["event_type"] == "ACCUSE" for e in lines[0]["events"])


def test_code_from_stdin_with_date() -> None:
    r = _run(
        "code",
        "--date",
        "2020-02-02",
        "--format",
        "json",
        input="France condemned the attack on the embassy.",
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data[0]["events"] and data[0]["events"][0]["date"] == "2020-02-02"


def test_code_undated_text_says_so(tmp_path: Path) -> None:
    f = tmp_path / "plain.txt"
    f.write_text("Germany praised Poland.", encoding="utf-8")
    r = _run("code", str(f))
    assert r.exit_code == 0
    assert "no date" in r.stderr


def test_bad_date_option_is_rejected() -> None:
    r = _run("code", "--date", "19-08-2021", input="x")
    assert r.exit_code == 2
    assert "YYYY-MM-DD" in r.output


def test_ingest_examples_events_export_stats(tmp_path: Path, store_url: str) -> None:
    db = store_url
    r = _run("ingest", str(EXAMPLES), "--db", db)
    assert r.exit_code == 0, r.output
    files = sorted(EXAMPLES.glob("*.txt"))
    assert f"{len(files)} new" in r.stderr
    again = _run("ingest", str(EXAMPLES), "--db", db)
    assert again.exit_code == 0 and "0 new" in again.stderr

    st = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    assert st["articles"] == len(files) and st["events"] > 0
    types = {row["event_type"] for row in st["by_type"]}
    assert len(types) >= 10

    ev = _run("events", "--db", db, "--actor", "CHN", "--format", "jsonl")
    rows = [json.loads(x) for x in ev.stdout.splitlines()]
    assert rows and all(x["actor"]["code"] == "CHN" for x in rows)
    assert all(x["temporal"] == "current" for x in rows)

    out = tmp_path / "ev.jsonl"
    r = _run("export", "--format", "plover", "-o", str(out), "--db", db)
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == st["events"]
    quotes_out = tmp_path / "quotes.jsonl"
    r = _run("export", "--format", "quotes", "-o", str(quotes_out), "--db", db)
    assert r.exit_code == 0, r.output
    quotes = [json.loads(x) for x in quotes_out.read_text(encoding="utf-8").splitlines()]
    assert quotes and all({"article_id", "text", "kind", "speaker"} <= q.keys() for q in quotes)
    listed = _run("quotes", "--db", db, "--format", "jsonl")
    assert len(listed.stdout.splitlines()) == len(quotes)
    for rec in recs:
        assert {
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "quad_code",
            "event_text",
            "text",
        } <= rec.keys()
    gdelt = tmp_path / "events.gdelt.tsv"
    assert _run("export", "--format", "gdelt", "-o", str(gdelt), "--db", db).exit_code == 0
    rows_g = list(csv.reader(io.StringIO(gdelt.read_text(encoding="utf-8")), delimiter="\t"))
    assert len(rows_g) == st["events"] and all(len(r) == 61 for r in rows_g)
    mentions = tmp_path / "mentions.gdelt.tsv"
    r = _run("export", "--format", "gdelt-mentions", "-o", str(mentions), "--db", db)
    assert r.exit_code == 0, r.output
    rows_m = list(csv.reader(io.StringIO(mentions.read_text(encoding="utf-8")), delimiter="\t"))
    assert len(rows_m) >= len(rows_g) and all(len(r) == 16 for r in rows_m)
    assert {r[0] for r in rows_m} == {r[0] for r in rows_g}
    parquet = tmp_path / "events.parquet"
    assert _run("export", "--format", "parquet", "-o", str(parquet), "--db", db).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == st["events"]
    out_csv = tmp_path / "ev.csv"
    r = _run("export", "--format", "csv", "-o", str(out_csv), "--db", db)
    assert r.exit_code == 0
    rows_csv = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert len(rows_csv) == st["events"]
    for row in rows_csv:
        assert row["trigger"] in row["sentence"]


def test_ingest_bad_inputs_are_skipped_and_counted(tmp_path: Path, store_url: str) -> None:
    db = store_url
    good = tmp_path / "in"
    good.mkdir()
    (good / "ok.txt").write_text(
        "date 2021-01-01 Iran condemned Israel\n\nIran condemned Israel.", encoding="utf-8"
    )
    (good / "empty.txt").write_text("", encoding="utf-8")
    (good / "bin.txt").write_bytes(b"\x00\x00binary")
    (good / "recs.jsonl").write_text(
        '{"id": "1", "text": "Chile praised Peru."}\n{oops\n', encoding="utf-8"
    )
    r = _run("ingest", str(good), "--db", db)
    assert r.exit_code == 1
    assert "empty.txt: empty file" in r.stderr
    assert "bin.txt: binary" in r.stderr
    assert "recs.jsonl:2: malformed JSON" in r.stderr
    assert "3 input(s) skipped" in r.stderr
    st = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    assert st["articles"] == 2
    # A rerun with the bad files still there stores nothing twice and loses nothing.
    r = _run("ingest", str(good), "--db", db)
    assert r.exit_code == 1
    st2 = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    assert st2 == st


@pytest.mark.slow
def test_ingest_news_corpus_twice(shared: Path, store_url: str, tmp_path: Path) -> None:
    db = store_url
    r = _run("ingest", str(NEWS), "--db", db)
    assert r.exit_code == 0, r.output
    assert "664 article(s) read, 664 new" in r.stderr
    r = _run("ingest", str(NEWS), "--db", db)
    assert "664 article(s) read, 0 new" in r.stderr and "664 already stored" in r.stderr
    st = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    assert st["articles"] == 664
    # A copy of the corpus with small edits: every article is a near copy, no event is new,
    # and the repeated events are counted as more reports of the same events.
    edited = tmp_path / "edited.jsonl"
    with edited.open("w", encoding="utf-8") as fh:
        for a in read_paths([NEWS]):
            assert isinstance(a, Article)
            text = a.text.replace(" the ", " the  ", 1) + " (Republished.)"
            rec = {
                "id": f"copy-{a.id}",
                "text": text,
                "date": a.date.isoformat() if a.date else None,
                "source": "reposts",
            }
            fh.write(json.dumps(rec) + "\n")
    before = json.loads(
        _run("stats", "--db", db, "--format", "json", "--all-temporal", "--unresolved").stdout
    )
    r = _run("ingest", str(edited), "--db", db)
    assert r.exit_code == 0, r.output
    after = json.loads(
        _run("stats", "--db", db, "--format", "json", "--all-temporal", "--unresolved").stdout
    )
    assert after["articles"] == 2 * 664
    assert after["near_duplicates"] >= 0.95 * 664
    assert after["mentions"] > before["mentions"]
    assert after["events"] <= before["events"] * 1.02
