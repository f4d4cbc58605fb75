"""The Python API analysts use: the public names, reprs, the store facade and DataFrames.
Events are built by hand (no model) except where coding itself is the point."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
from datetime import date
from pathlib import Path

import pytest

import dyad
from dyad.pipeline import CodedArticle
from dyad.records import EVENT_COLUMNS, QUOTE_COLUMNS, SERIES_COLUMNS, EventList, SeriesPoint
from dyad.types import Actor, Article, Event, Quote, Span

ROOT = Path(__file__).resolve().parents[2]


def _public(module: types.ModuleType) -> set[str]:
    """Names a user sees in the module: not private, not submodules, not the module's own
    ``from __future__`` import."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and not (name == "annotations" and value.__class__.__name__ == "_Feature")
    }


def test_all_lists_exactly_the_public_names() -> None:
    listed = set(dyad.__all__)
    assert len(listed) == len(dyad.__all__), "a name is listed twice"
    assert all(hasattr(dyad, name) for name in listed), "a listed name does not exist"
    unlisted = _public(dyad) - listed
    assert not unlisted, f"public but not in dyad.__all__: {sorted(unlisted)}"
    assert "__version__" in listed


def test_no_private_helper_is_exported_anywhere() -> None:
    for info in pkgutil.walk_packages(dyad.__path__, "dyad."):
        if ".migrations" in info.name:
            continue
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", [])
        private = [n for n in exported if n.startswith("_") and n != "__version__"]
        assert not private, f"{info.name} exports private names {private}"
        missing = [n for n in exported if not hasattr(module, n)]
        assert not missing, f"{info.name}.__all__ lists missing names {missing}"


def test_package_is_typed() -> None:
    assert (ROOT / "dyad" / "py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"py.typed"' in pyproject and "strict = true" in pyproject


def _article() -> Article:
    return Article(
        id="chn-jpn",
        text='China warned Japan <again>. Japan said "no".',
        title="China warns Japan",
        date=date(2021, 8, 19),
    )


def _event(
    art: Article,
    actor: str = "CHN",
    recip: str | None = "JPN",
    etype: str | None = "THREATEN",
    cameo: str = "130",
    when: date | None = date(2021, 8, 19),
    goldstein: float = -4.4,
    quad: int = 3,
    temporal: str = "current",
) -> Event:
    word = "warned" if actor == "CHN" else "said"
    start = art.text.index(word)
    return Event(
        id=f"{actor}-{recip}-{cameo}-{when}",
        article_id=art.id,
        sentence_index=0,
        sentence=art.text.split(". ")[0 if actor == "CHN" else 1],
        trigger=Span(word, start, start + len(word)),
        date=when,
        event_type=etype,
        mode=None,
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=quad,
        goldstein=goldstein,
        actor=Actor({"CHN": "China", "JPN": "Japan"}[actor], actor, "GOV"),
        recipient=Actor("Japan", recip, None) if recip else None,
        rule="threaten.warn",
        confidence=0.85,
        temporal=temporal,
    )


def test_reprs_are_readable_one_liners() -> None:
    art = _article()
    e = _event(art)
    assert repr(e) == '<Event CHN GOV → JPN THREATEN (CAMEO 130) 2021-08-19 "warned">'
    planned = _event(art, etype="AGREE", cameo="036", temporal="planned", when=None)
    assert repr(planned) == ('<Event CHN GOV → JPN AGREE (CAMEO 036) undated [planned] "warned">')
    assert repr(e.actor) == '<Actor CHN GOV "China">'
    assert repr(art) == '<Article chn-jpn 2021-08-19 "China warns Japan">'
    q = Quote(art.id, "no", 40, 42, "direct", "Japan", Actor("Japan", "JPN"), 1)
    assert repr(q) == '<Quote direct JPN: "no">'
    long = Quote(art.id, "x " * 100, 0, 200, "reported", None, None, 0)
    assert "\n" not in repr(long) and len(repr(long)) < 100
    coded = CodedArticle(art, [e], quotes=[q])
    assert repr(coded) == "<CodedArticle chn-jpn 1 event(s), 1 quote(s)>"


def test_html_highlights_trigger_and_actors_and_escapes_text() -> None:
    art = _article()
    html = CodedArticle(art, [_event(art)])._repr_html_()
    assert "<again>" not in html and "&lt;again&gt;" in html
    assert '<mark class="dyad-trigger"' in html and ">warned</mark>" in html
    assert '<mark class="dyad-actor"' in html and ">China</mark>" in html
    assert '<mark class="dyad-recipient"' in html and ">Japan</mark>" in html
    # The highlighted pieces and the text between them are the whole article, in order.
    import re

    assert re.sub(r"<[^>]+>", "", html.split('pre-wrap">')[1].split("</div>")[0]) == (
        "China warned Japan &lt;again&gt;. Japan said &quot;no&quot;."
    )


def test_event_frame_has_the_documented_columns_and_dtypes() -> None:
    import pandas as pd  # the dev extra installs it: a missing install fails here

    art = _article()
    events = EventList([_event(art), _event(art, recip=None, etype=None, cameo="010", when=None)])
    frame = events.to_pandas()
    assert list(frame.columns) == [c.name for c in EVENT_COLUMNS]
    assert len(frame) == 2
    assert str(frame["date"].dtype) == "datetime64[ns]"
    assert frame["date"].iloc[0] == pd.Timestamp("2021-08-19")
    assert pd.isna(frame["date"].iloc[1])
    for col in ("actor", "recipient", "event_type", "cameo", "temporal"):
        assert isinstance(frame[col].dtype, pd.CategoricalDtype), col
    assert frame["event_type"].tolist() == ["THREATEN", "STATEMENT"]
    assert pd.isna(frame["recipient"].iloc[1])
    assert frame["quad_class"].dtype == "int64" and frame["goldstein"].dtype == "float64"
    assert frame["trigger"].tolist() == ["warned", "warned"]
    empty = EventList().to_pandas()
    assert list(empty.columns) == [c.name for c in EVENT_COLUMNS] and len(empty) == 0


def test_polars_frame_matches() -> None:
    import polars as pl

    art = _article()
    frame = EventList([_event(art)]).to_polars()
    assert frame.columns == [c.name for c in EVENT_COLUMNS]
    assert frame.schema["actor"] == pl.Categorical
    assert frame.schema["date"] == pl.Datetime("ns")
    assert frame["actor"].to_list() == ["CHN"]


def _store_with_dyad(url: str) -> dyad.EventStore:
    store = dyad.open(url)
    june = Article(id="june", text="China warned Japan. Japan said no.", date=date(2023, 6, 12))
    feb = Article(id="feb", text="China warned Japan. Japan said yes.", date=date(2024, 2, 20))
    store.add(
        [
            CodedArticle(
                june,
                [
                    _event(june, when=date(2023, 6, 12)),
                    _event(june, "JPN", "CHN", "REJECT", "120", date(2023, 6, 12), -4.0, 3),
                ],
            ),
            CodedArticle(
                feb,
                [
                    _event(feb, "JPN", "CHN", "AGREE", "057", date(2024, 2, 20), 8.0, 1),
                    _event(feb, "CHN", "JPN", "AGREE", "036", date(2024, 3, 1), 4.0, 1, "planned"),
                ],
                quotes=[Quote("feb", "yes", 31, 34, "direct", "Japan", Actor("Japan", "JPN"), 1)],
            ),
        ]
    )
    return store


def test_store_keyword_filters(store_url: str) -> None:
    with _store_with_dyad(store_url) as store:
        assert [e.event_type for e in store.events(actor="CHN", recipient="JPN")] == ["THREATEN"]
        assert len(store.events(actor="CHN", recipient="JPN", temporal="all")) == 2
        both = store.events(actor="chn", recipient="jpn", both_ways=True)
        assert [e.dyad for e in both] == [("CHN", "JPN"), ("JPN", "CHN"), ("JPN", "CHN")]
        assert [e.cameo for e in store.events(type="agree", since="2024-01-01")] == ["057"]
        assert store.events(until=date(2023, 12, 31)).to_pandas()["cameo"].tolist() == [
            "130",
            "120",
        ]
        assert store.count(temporal=["planned"]) == 1
        with pytest.raises(ValueError, match="since"):
            store.events(since="last week")
        with pytest.raises(ValueError, match="temporal"):
            store.events(temporal="future")
        quotes = store.quotes(speaker="JPN")
        assert [q.text for q in quotes] == ["yes"]
        assert quotes.to_pandas()["speaker"].tolist() == ["JPN"]
        assert list(quotes.to_pandas().columns) == [c.name for c in QUOTE_COLUMNS]
        coded = store.article("feb")
        assert coded is not None and len(coded.events) == 2 and coded.quotes
        assert store.article("nope") is None


def test_series_counts_both_ways_per_period(store_url: str) -> None:
    with _store_with_dyad(store_url) as store:
        months = store.series("CHN", "JPN")
        assert [p.label for p in months] == ["2023-06", "2024-02"]
        june, feb = months
        assert (june.events, june.a_to_b, june.b_to_a) == (2, 1, 1)
        assert june.mean_goldstein == pytest.approx((-4.4 - 4.0) / 2)
        assert june.by_quad == {3: 2} and feb.by_type == {"AGREE": 1}
        assert june.period == date(2023, 6, 1)
        weeks = store.series("JPN", "CHN", interval="week")
        assert weeks[0].period == date(2023, 6, 12)  # a Monday: ISO week 24 starts there
        assert (weeks[0].a_to_b, weeks[0].b_to_a) == (1, 1)
        frame = months.to_pandas()
        assert list(frame.columns) == [c.name for c in SERIES_COLUMNS]
        assert frame["verbal_conflict"].tolist() == [2, 0]
        assert frame["verbal_coop"].tolist() == [0, 1]
        assert frame["THREATEN"].tolist() == [1, 0] and frame["AGREE"].tolist() == [0, 1]
        assert str(frame["period"].dtype) == "datetime64[ns]"
        assert "SeriesPoint 2023-06 events=2" in repr(june)
    assert isinstance(june, SeriesPoint)


def test_open_uses_dyad_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DYAD_DB", str(tmp_path / "env.sqlite"))
    with dyad.open() as store:
        assert store.url.endswith("env.sqlite")
        assert store.events() == []


def test_code_many_rejects_what_it_cannot_code() -> None:
    with pytest.raises(TypeError, match="Article records or strings"):
        dyad.code_many([42])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="workers"):
        dyad.code_many([], workers=0)


@pytest.mark.model
def test_code_many_in_worker_processes_keeps_order_and_results() -> None:
    texts = [
        "China warned Japan against holding talks with Taiwan.",
        "The weather was fine.",
        "Russia attacked the Ukrainian port of Odesa with drones.",
        "Japan rejected the Chinese demand.",
        "France urged Iran to return to nuclear talks.",
    ]
    one = dyad.code_many(texts)
    two = dyad.code_many(texts, workers=2, chunk_size=2)
    assert [c.article.text for c in two] == texts
    assert [[e.to_dict() for e in c.events] for c in two] == [
        [e.to_dict() for e in c.events] for c in one
    ]
    assert [[e.event_type for e in c.events][:1] for c in two] == [
        ["THREATEN"],
        [],
        ["ASSAULT"],
        ["REJECT"],
        ["REQUEST"],
    ]


def test_signatures_match_the_issue() -> None:
    params = inspect.signature(dyad.EventStore.events).parameters
    assert {"actor", "recipient", "type", "since", "until", "temporal"} <= set(params)
    assert "interval" in inspect.signature(dyad.EventStore.series).parameters
    assert "workers" in inspect.signature(dyad.code_many).parameters


def test_a_slice_keeps_its_columns() -> None:
    art = _article()
    events = EventList([_event(art), _event(art, cameo="131")])
    first = events[:1]
    assert isinstance(first, EventList) and first.to_pandas()["cameo"].tolist() == ["130"]
    assert events[1].cameo == "131"
