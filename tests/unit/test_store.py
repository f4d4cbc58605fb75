"""The store: idempotent writes, filters, stats; no model needed (events built by hand)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect

from dyad.errors import StoreError
from dyad.pipeline import CodedArticle
from dyad.store import EventFilter, Store, aggregation_key, resolve_url
from dyad.types import Actor, Article, Event, Span, event_id


def _event(
    article: Article,
    start: int,
    actor: str,
    recip: str | None,
    etype: str,
    cameo: str,
    when: date,
    temporal: str = "current",
) -> Event:
    trig = article.text[start : start + 4]
    return Event(
        id=event_id(article.id, start, start + 4, actor, recip, cameo),
        article_id=article.id,
        sentence_index=0,
        sentence=article.text,
        trigger=Span(trig, start, start + 4),
        date=when,
        event_type=etype,
        mode=None,
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=3,
        goldstein=-4.0,
        actor=Actor(actor, actor, "GOV"),
        recipient=Actor(recip, recip, None) if recip else None,
        rule="test.rule",
        confidence=0.9,
        temporal=temporal,
    )


def _coded(
    aid: str, text: str, when: date, *events: tuple[str, str | None, str, str, str]
) -> CodedArticle:
    art = Article(id=aid, text=text, date=when)
    return CodedArticle(
        art, [_event(art, 0, a, r, t, c, when, temp) for a, r, t, c, temp in events]
    )


def test_add_is_idempotent_by_content(store_url: str) -> None:
    c1 = _coded(
        "a", "China warned Japan.", date(2021, 8, 19), ("CHN", "JPN", "THREATEN", "130", "current")
    )
    c2 = _coded(
        "b",
        "China   warned\nJapan.",
        date(2021, 8, 19),
        ("CHN", "JPN", "THREATEN", "130", "current"),
    )
    with Store(store_url) as s:
        assert s.add_many([c1]) == 1
        assert s.add_many([c1, c2]) == 0
        assert s.stats()["articles"] == 1
        assert len(list(s.events())) == 1


def test_filters_and_default_temporal(store_url: str) -> None:
    c = _coded(
        "a",
        "Events of many kinds here.",
        date(2021, 8, 19),
        ("CHN", "JPN", "THREATEN", "130", "current"),
        ("JPN", "CHN", "ACCUSE", "112", "current"),
        ("JPN", "TWN", "AGREE", "036", "planned"),
        ("CHN", "JPN", "ASSAULT", "190", "historical"),
    )
    with Store(store_url) as s:
        s.add_many([c])
        assert len(list(s.events())) == 2
        assert len(list(s.events(EventFilter(temporal=None)))) == 4
        [e] = s.events(EventFilter(actor="chn"))
        assert e.event_type == "THREATEN" and e.recipient and e.recipient.code == "JPN"
        assert [e.event_type for e in s.events(EventFilter(event_type="accuse"))] == ["ACCUSE"]
        assert list(s.events(EventFilter(since=date(2021, 8, 20)))) == []
        st = s.stats()
        assert st["events"] == 2
        assert {d["actor"] + d["recipient"] for d in st["top_dyads"]} == {"CHNJPN", "JPNCHN"}


def test_events_round_trip_evidence(store_url: str) -> None:
    c = _coded(
        "a", "China warned Japan.", date(2021, 8, 19), ("CHN", "JPN", "THREATEN", "130", "current")
    )
    with Store(store_url) as s:
        s.add_many([c])
        [e] = s.events()
    original = c.events[0]
    for field in (
        "article_id",
        "sentence_index",
        "sentence",
        "trigger",
        "date",
        "event_type",
        "cameo",
        "quad_class",
        "goldstein",
        "actor",
        "recipient",
        "rule",
        "confidence",
        "temporal",
    ):
        assert getattr(e, field) == getattr(original, field), field
    assert e.id == aggregation_key(original)
    assert (e.num_mentions, e.num_articles, e.first_seen) == (1, 1, date(2021, 8, 19))


def test_reports_of_one_event_are_counted_once(store_url: str) -> None:
    when = date(2021, 8, 19)
    wire = _coded(
        "wire",
        "China warned Japan on Thursday.",
        when,
        ("CHN", "JPN", "THREATEN", "130", "current"),
    )
    other = _coded(
        "paper",
        "Beijing warned Tokyo over the talks.",
        when,
        ("CHN", "JPN", "THREATEN", "130", "current"),
    )
    later = _coded(
        "later",
        "China warned Japan again.",
        date(2021, 8, 20),
        ("CHN", "JPN", "THREATEN", "130", "current"),
    )
    with Store(store_url) as s:
        s.add_many([wire, other, later])
        evs = sorted(s.events(), key=lambda e: e.date or when)
        assert [(e.date, e.num_mentions, e.num_articles) for e in evs] == [
            (when, 2, 2),
            (date(2021, 8, 20), 1, 1),
        ]
        assert len(s.mentions(evs[0].id)) == 2
        assert s.stats()["mentions"] == 3


def test_near_copy_is_linked_to_its_original(store_url: str) -> None:
    body = " ".join(
        f"Paragraph {i} of a long wire story about talks between two countries "
        f"and what each side said about the border."
        for i in range(40)
    )
    first = _coded("a", body, date(2021, 1, 1))
    copy = _coded("b", body.replace("Paragraph 7 ", "Section 7 "), date(2021, 1, 1))
    unrelated = _coded("c", "Completely different words " * 60, date(2021, 1, 1))
    with Store(store_url) as s:
        s.add_many([first, copy, unrelated])
        _art, original = s.article("b") or (None, None)
        assert original == "a"
        assert s.article("c") == (unrelated.article, None)
        assert s.stats()["near_duplicates"] == 1


def _wire_story(swap: str = "") -> str:
    body = " ".join(
        f"Paragraph {i} of a long wire story about talks between two countries "
        f"and what each side said about the border."
        for i in range(40)
    )
    return body.replace(f"Paragraph {swap} ", f"Section {swap} ") if swap else body


@pytest.mark.parametrize("batches", [[["a", "b", "c"]], [["a"], ["b"], ["c"]], [["a"], ["b", "c"]]])
def test_copies_of_copies_point_to_the_first_original(
    store_url: str, batches: list[list[str]]
) -> None:
    """b copies a and c copies b: both are a's copies, whether they arrive in one batch or
    several (a wire story re-posted twice is one story)."""
    texts = {
        "a": _wire_story(),
        "b": _wire_story("7"),
        "c": _wire_story("7").replace("Paragraph 9 ", "Part 9 "),
    }
    with Store(store_url) as s:
        for batch in batches:
            s.add_many([_coded(k, texts[k], date(2021, 1, 1)) for k in batch])
        assert s.article("a") == (_coded("a", texts["a"], date(2021, 1, 1)).article, None)
        assert (s.article("b") or (None, None))[1] == "a"
        assert (s.article("c") or (None, None))[1] == "a"
        assert s.stats()["near_duplicates"] == 2


def test_signatures_computed_elsewhere_are_used(store_url: str) -> None:
    """Workers hand the writer each article's signature; a wrong count is refused."""
    from dyad.store.dedup import NearDuplicates

    first = _coded("a", _wire_story(), date(2021, 1, 1))
    copy = _coded("b", _wire_story("7"), date(2021, 1, 1))
    sigs = [NearDuplicates().signature(c.article.text) for c in (first, copy)]
    with Store(store_url) as s:
        with pytest.raises(ValueError, match="1 signatures for 2 articles"):
            s.add([first, copy], sigs[:1])
        assert s.stats()["articles"] == 0
        assert s.add([first, copy], sigs).near_duplicates == 1
        assert (s.article("b") or (None, None))[1] == "a"


def test_store_persists_across_connections(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    with Store(url) as s:
        s.add_many([_coded("a", "x y z", date(2020, 1, 1))])
    with Store(url) as s:
        assert s.stats()["articles"] == 1


def test_bare_path_and_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("DYAD_DB", "sqlite:///from-env.db")
    assert resolve_url(None) == "sqlite:///from-env.db"
    assert resolve_url("sqlite:///flag.db") == "sqlite:///flag.db"


def test_unopenable_store_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        Store(f"sqlite:///{blocker}/sub/db.sqlite")


def test_unresolved_events_are_kept_but_not_counted_by_default(store_url: str) -> None:
    art = Article(id="u", text="Somebody protested somewhere.", date=date(2021, 1, 1))
    e = _event(art, 0, "CHN", None, "PROTEST", "141", date(2021, 1, 1))
    bare = Event(
        **{
            **{k: getattr(e, k) for k in e.__dataclass_fields__},
            "actor": None,
            "recipient": None,
            "id": "x",
        }
    )
    with Store(store_url) as s:
        s.add_many([CodedArticle(art, [e, bare])])
        assert len(list(s.events())) == 1
        assert len(list(s.events(EventFilter(resolved=False)))) == 2
        assert s.stats()["events"] == 1


def _scored(c: CodedArticle, *scores: tuple[float, int]) -> CodedArticle:
    """The same article with each event's Goldstein score and quad class set."""
    events = [
        replace(e, goldstein=g, quad_class=q) for e, (g, q) in zip(c.events, scores, strict=True)
    ]
    return replace(c, events=events)


def test_series_counts_both_directions_by_period(store_url: str) -> None:
    aug, aug2, sep = date(2021, 8, 19), date(2021, 8, 25), date(2021, 9, 2)
    arts = [
        _scored(
            _coded(
                "a",
                "China warned Japan; Japan and China met.",
                aug,
                ("CHN", "JPN", "THREATEN", "130", "current"),
                ("JPN", "CHN", "CONSULT", "040", "current"),
            ),
            (-4.4, 3),
            (1.0, 1),
        ),
        _scored(
            _coded("b", "China accused Japan.", aug2, ("CHN", "JPN", "ACCUSE", "112", "current")),
            (-2.0, 3),
        ),
        _scored(
            _coded(
                "c",
                "Japan met China; China may warn Japan; China warned the US.",
                sep,
                ("JPN", "CHN", "CONSULT", "040", "current"),
                ("CHN", "JPN", "THREATEN", "130", "hypothetical"),
                ("CHN", "USA", "THREATEN", "130", "current"),
            ),
            (1.0, 1),
            (-4.4, 3),
            (-4.4, 3),
        ),
    ]
    with Store(store_url) as s:
        s.add_many(arts)
        months = s.series("chn", "jpn", "month")
        days = s.series("CHN", "JPN", "day")
    # The hypothetical threat and the CHN->USA event are not part of the current dyad series.
    assert [m["period"] for m in months] == ["2021-08", "2021-09"]
    aug_m, sep_m = months
    assert aug_m["events"] == 3 and aug_m["CHN->JPN"] == 2 and aug_m["JPN->CHN"] == 1
    assert aug_m["by_type"] == {"THREATEN": 1, "CONSULT": 1, "ACCUSE": 1}
    assert aug_m["by_quad"] == {"3": 2, "1": 1}
    assert aug_m["mean_goldstein"] == pytest.approx((-4.4 + 1.0 - 2.0) / 3, abs=1e-3)
    assert sep_m["events"] == 1 and sep_m["JPN->CHN"] == 1 and sep_m["mean_goldstein"] == 1.0
    assert [d["period"] for d in days] == ["2021-08-19", "2021-08-25", "2021-09-02"]
    assert [d["events"] for d in days] == [2, 1, 1]


def test_migrations_make_the_query_indexes(store_url: str) -> None:
    with Store(store_url) as s:
        names = {ix["name"] for ix in inspect(s.engine).get_indexes("events")}
    assert {
        "ix_events_dyad_series",
        "ix_events_actor_type_temporal_date",
        "ix_events_recipient_type_temporal_date",
        "ix_events_actor_temporal_date",
    } <= names
    assert "ix_events_dyad_date" not in names
