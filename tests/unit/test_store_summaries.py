"""The store's summaries for the dashboard (periods, dyads, movers, network, places): the
figures are worked out by hand from the events built here; no model needed."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.pipeline import CodedArticle
from dyad.store import EventFilter, Store
from dyad.types import Actor, Article, Event, Location, Quote, Span, event_id

# (actor, recipient, PLOVER type, CAMEO, quad class, Goldstein, date, place)
Row = tuple[str, str | None, str | None, str, int, float, date, Location | None]

BEIJING = Location("Beijing", "Beijing", "city", "CHN", 39.9, 116.4)
KYIV = Location("Kyiv", "Kyiv", "city", "UKR", 50.45, 30.52)


def _article(
    aid: str, when: date, rows: list[Row], quotes: list[Quote] | None = None
) -> CodedArticle:
    text = " ".join(f"Sentence {i} about {a} and {r}." for i, (a, r, *_) in enumerate(rows))
    art = Article(id=aid, text=text or "Nothing happened.", date=when)
    events = []
    for i, (a, r, etype, cameo, quad, gold, day, place) in enumerate(rows):
        start = text.find(f"Sentence {i} ")
        events.append(
            Event(
                id=event_id(aid, start, start + 8, a, r, cameo),
                article_id=aid,
                sentence_index=i,
                sentence=text[start : text.find(".", start) + 1],
                trigger=Span("Sentence", start, start + 8),
                date=day,
                event_type=etype,
                mode=None,
                cameo=cameo,
                cameo_root=cameo[:2],
                quad_class=quad,
                goldstein=gold,
                actor=Actor(a, a),
                recipient=Actor(r, r) if r else None,
                rule="test",
                confidence=1.0,
                location=place,
            )
        )
    return CodedArticle(art, events, quotes=quotes or [])


def _quote(aid: str, code: str, words: str) -> Quote:
    return Quote(aid, words, 0, len(words), "direct", code, Actor(code, code), 0)


@pytest.fixture
def store(store_url: str) -> Store:
    s = Store(store_url)
    s.add(
        [
            _article(
                "a1",
                date(2024, 1, 10),
                [
                    ("CHN", "JPN", "THREATEN", "130", 3, -4.4, date(2024, 1, 10), BEIJING),
                    ("JPN", "CHN", "REJECT", "120", 3, -4.0, date(2024, 1, 11), BEIJING),
                    ("CHN", "JPN", "CONSULT", "040", 1, 1.0, date(2024, 1, 20), None),
                    ("RUS", "UKR", "ASSAULT", "190", 4, -10.0, date(2024, 1, 12), KYIV),
                ],
                [_quote("a1", "CHN", "Japan must stop."), _quote("a1", "USA", "Calm down.")],
            ),
            _article(
                "a2",
                date(2024, 2, 5),
                [
                    ("CHN", "JPN", "AID", "070", 2, 7.0, date(2024, 2, 5), None),
                    ("RUS", "UKR", "ASSAULT", "190", 4, -10.0, date(2024, 2, 6), KYIV),
                    ("RUS", "UKR", "ASSAULT", "195", 4, -10.0, date(2024, 2, 7), KYIV),
                    ("UKR", "RUS", "CONSULT", "040", 1, 1.0, date(2024, 2, 8), None),
                    ("USA", None, None, "010", 1, 0.0, date(2024, 2, 8), None),
                ],
            ),
            _article("a3", date(2024, 2, 9), [], [_quote("a3", "CHN", "Unrelated.")]),
        ]
    )
    return s


def test_periods_count_by_quad_and_average_goldstein(store: Store) -> None:
    months = store.periods(EventFilter(actor="CHN", recipient="JPN", both_ways=True))
    assert [p.period for p in months] == ["2024-01", "2024-02"]
    jan, feb = months
    assert jan.events == 3 and jan.by_quad == {1: 1, 3: 2}
    assert jan.mean_goldstein == pytest.approx((-4.4 - 4.0 + 1.0) / 3, abs=1e-3)
    assert feb.events == 1 and feb.by_quad == {2: 1} and feb.mean_goldstein == 7.0
    days = store.periods(EventFilter(involving=["UKR"]), "day")
    assert [p.period for p in days] == ["2024-01-12", "2024-02-06", "2024-02-07", "2024-02-08"]
    weeks = store.periods(EventFilter(involving=["UKR"]), "week")
    # 6, 7 and 8 February 2024 are in ISO week 6.
    assert [(p.period, p.events) for p in weeks] == [("2024-W02", 1), ("2024-W06", 3)]
    with pytest.raises(ValueError):
        store.periods(interval="year")


def test_article_periods(store: Store) -> None:
    assert store.article_periods() == [("2024-01", 1), ("2024-02", 2)]
    assert store.article_periods(since=date(2024, 2, 6)) == [("2024-02", 1)]


def test_type_counts_and_type_filters(store: Store) -> None:
    counts = {(t, q): n for t, q, n in store.type_counts()}
    assert counts[("ASSAULT", 4)] == 3 and counts[("CONSULT", 1)] == 2
    assert counts[("STATEMENT", 1)] == 1  # CAMEO 01 has no PLOVER type
    assert store.count(EventFilter(event_types=["assault", "AID"])) == 4
    assert store.count(EventFilter(event_types=["STATEMENT"])) == 1
    assert store.count(EventFilter(event_types=["STATEMENT", "AID"])) == 2


def test_involving_is_either_side(store: Store) -> None:
    assert store.count(EventFilter(involving=["jpn"])) == 4
    assert store.count(EventFilter(involving=["JPN", "RUS"])) == 8


def test_top_dyads_count_both_directions(store: Store) -> None:
    top = store.top_dyads()
    assert [(d.a, d.b, d.events, d.conflict) for d in top] == [
        ("CHN", "JPN", 4, 2),
        ("RUS", "UKR", 4, 3),
    ]
    assert top[0].mean_goldstein == pytest.approx((-4.4 - 4.0 + 1.0 + 7.0) / 4, abs=1e-3)
    assert store.top_dyads(limit=1)[0].a == "CHN"  # ties by code


def test_top_actors_count_both_roles(store: Store) -> None:
    top = store.top_actors(limit=3)
    # CHN 3 as actor and 1 as recipient, JPN 1 and 3, RUS 3 and 1, UKR 1 and 3 (a tie at
    # four, broken by code), USA 1 and 0.
    assert [(a.code, a.as_actor, a.as_recipient) for a in top] == [
        ("CHN", 3, 1),
        ("JPN", 1, 3),
        ("RUS", 3, 1),
    ]
    assert [a.code for a in store.top_actors(EventFilter(event_types=["ASSAULT"]))] == [
        "RUS",
        "UKR",
    ]


def test_movers_compare_the_last_period_with_the_one_before(store: Store) -> None:
    last, previous, moves = store.movers()
    assert (last, previous) == ("2024-02", "2024-01")
    by = {(m.a, m.b): m for m in moves}
    chn_jpn = by[("CHN", "JPN")]
    assert chn_jpn.previous == pytest.approx(-7.4) and chn_jpn.last == pytest.approx(7.0)
    assert (chn_jpn.events_previous, chn_jpn.events_last) == (3, 1)
    rus_ukr = by[("RUS", "UKR")]
    assert rus_ukr.previous == -10.0 and rus_ukr.last == -19.0
    # |+14.4| moved more than |-9|
    assert [(m.a, m.b) for m in moves] == [("CHN", "JPN"), ("RUS", "UKR")]
    assert store.movers(EventFilter(since=date(2030, 1, 1))) == ("", "", [])


def test_network_edges_are_directed(store: Store) -> None:
    edges = {(e.actor, e.recipient): e for e in store.network("ukr")}
    assert set(edges) == {("RUS", "UKR"), ("UKR", "RUS")}
    assert edges[("RUS", "UKR")].events == 3 and edges[("RUS", "UKR")].conflict == 3
    assert edges[("UKR", "RUS")].mean_goldstein == 1.0


def test_places_with_coordinates(store: Store) -> None:
    places = {p.name: p for p in store.places()}
    assert set(places) == {"Beijing", "Kyiv"}
    assert places["Kyiv"].events == 3 and places["Kyiv"].country == "UKR"
    assert places["Beijing"].conflict == 2
    only = store.places(EventFilter(event_types=["REJECT"]))
    assert [(p.name, p.events) for p in only] == [("Beijing", 1)]


def test_dyad_quotes_are_by_either_side_in_articles_about_them(store: Store) -> None:
    quotes = store.dyad_quotes("JPN", "CHN")
    # The USA quote is by neither side; the a3 quote is in an article with no CHN-JPN event.
    assert [(q.article_id, q.text) for q in quotes] == [("a1", "Japan must stop.")]


def test_article_texts(store: Store) -> None:
    texts = store.article_texts(["a1", "a2", "missing"])
    assert set(texts) == {"a1", "a2"}
    assert texts["a1"].startswith("Sentence 0 about CHN and JPN.")
