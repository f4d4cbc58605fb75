"""Typed record lists that turn into DataFrames with documented columns and dtypes.

The columns are declared once here; the Python reference page's column table is generated from
these declarations, so the docs cannot drift from what ``to_pandas()`` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Generic, Self, SupportsIndex, TypeVar, overload

from dyad.coding.ontology import PLOVER_TYPES
from dyad.types import Event, Quote

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = [
    "EVENT_COLUMNS",
    "QUOTE_COLUMNS",
    "SERIES_COLUMNS",
    "Column",
    "EventList",
    "QuoteList",
    "Records",
    "SeriesList",
    "SeriesPoint",
]

T = TypeVar("T")

#: The dtypes a column may have, with their pandas and polars names.
_PANDAS = {
    "string": "string",
    "category": "category",
    "datetime": "datetime64[ns]",
    "int": "int64",
    "Int": "Int64",
    "float": "float64",
}


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """One DataFrame column: its name, dtype (a key of ``_PANDAS``), meaning and getter."""

    name: str
    dtype: str
    doc: str
    get: Callable[[T], Any]


def _day(d: date | None) -> datetime | None:
    return datetime(d.year, d.month, d.day) if d else None


def _code(a: Any) -> str | None:
    return a.code if a else None


def _sector(a: Any) -> str | None:
    return a.sector if a else None


def _text(a: Any) -> str | None:
    return a.text if a else None


EVENT_COLUMNS: tuple[Column[Event], ...] = (
    Column(
        "id", "string", "event id (the store's id: reports of one event share it)", lambda e: e.id
    ),
    Column(
        "date",
        "datetime",
        "when the event happened (midnight; see date_precision)",
        lambda e: _day(e.date),
    ),
    Column("date_precision", "category", "day, month or year", lambda e: e.date_precision),
    Column(
        "actor",
        "category",
        "actor code (ISO 3166 alpha-3 or PLOVER non-state code)",
        lambda e: _code(e.actor),
    ),
    Column(
        "actor_sector",
        "category",
        "actor sector (GOV, MIL, ...), if any",
        lambda e: _sector(e.actor),
    ),
    Column("actor_text", "string", "the words naming the actor", lambda e: _text(e.actor)),
    Column("recipient", "category", "recipient code", lambda e: _code(e.recipient)),
    Column("recipient_sector", "category", "recipient sector", lambda e: _sector(e.recipient)),
    Column(
        "recipient_text", "string", "the words naming the recipient", lambda e: _text(e.recipient)
    ),
    Column(
        "event_type",
        "category",
        "PLOVER type; STATEMENT for CAMEO 01",
        lambda e: e.event_type or "STATEMENT",
    ),
    Column("mode", "category", "PLOVER mode, if any", lambda e: e.mode),
    Column("plan", "category", "PLOVER type of a planned action (AGREE to ...)", lambda e: e.plan),
    Column("cameo", "category", "CAMEO code", lambda e: e.cameo),
    Column("cameo_root", "category", "CAMEO root (two digits)", lambda e: e.cameo_root),
    Column(
        "quad_class",
        "int",
        "1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict",
        lambda e: e.quad_class,
    ),
    Column(
        "goldstein",
        "float",
        "Goldstein score of the CAMEO code (-10 to +10)",
        lambda e: e.goldstein,
    ),
    Column(
        "temporal", "category", "current, planned, hypothetical or historical", lambda e: e.temporal
    ),
    Column(
        "location",
        "string",
        "place name, if the event is located",
        lambda e: e.location.name if e.location else None,
    ),
    Column(
        "location_country",
        "category",
        "country code of the place",
        lambda e: e.location.country_code if e.location else None,
    ),
    Column(
        "lat", "float", "latitude of the place", lambda e: e.location.lat if e.location else None
    ),
    Column(
        "lon", "float", "longitude of the place", lambda e: e.location.lon if e.location else None
    ),
    Column("num_mentions", "int", "reports of this event in the store", lambda e: e.num_mentions),
    Column("num_articles", "int", "articles reporting it", lambda e: e.num_articles),
    Column("num_sources", "int", "sources reporting it", lambda e: e.num_sources),
    Column("article_id", "string", "article of the first report", lambda e: e.article_id),
    Column("sentence", "string", "the evidence sentence", lambda e: e.sentence),
    Column("trigger", "string", "the words that fired the rule", lambda e: e.trigger.text),
    Column("rule", "category", "id of the lexicon entry that fired", lambda e: e.rule),
    Column(
        "confidence",
        "float",
        "0 to 1: how directly the parse supports the coding",
        lambda e: e.confidence,
    ),
)

QUOTE_COLUMNS: tuple[Column[Quote], ...] = (
    Column("article_id", "string", "article the quote is in", lambda q: q.article_id),
    Column("speaker", "category", "speaker's actor code, if resolved", lambda q: _code(q.speaker)),
    Column("speaker_sector", "category", "speaker's sector", lambda q: _sector(q.speaker)),
    Column("speaker_text", "string", "the words naming the speaker", lambda q: q.speaker_text),
    Column("kind", "category", "direct (in quotation marks) or reported", lambda q: q.kind),
    Column("text", "string", "the quoted words", lambda q: q.text),
    Column(
        "sentence_index",
        "int",
        "sentence number in the article (from 0)",
        lambda q: q.sentence_index,
    ),
    Column("start", "int", "character offset of the quote in the article text", lambda q: q.start),
    Column("end", "int", "character offset of its end", lambda q: q.end),
)

_QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """Events between two actors, both ways, in one day, ISO week or month."""

    period: date  # the first day of the period
    label: str  # "2024-02", "2024-W07" or "2024-02-20"
    events: int
    a_to_b: int
    b_to_a: int
    mean_goldstein: float
    by_quad: dict[int, int]
    by_type: dict[str, int]

    def __repr__(self) -> str:
        return (
            f"<SeriesPoint {self.label} events={self.events} "
            f"({self.a_to_b}→, {self.b_to_a}←) goldstein={self.mean_goldstein:+.2f}>"
        )


def _quad_count(quad: int) -> Callable[[SeriesPoint], int]:
    return lambda p: p.by_quad.get(quad, 0)


def _type_count(kind: str) -> Callable[[SeriesPoint], int]:
    return lambda p: p.by_type.get(kind, 0)


SERIES_COLUMNS: tuple[Column[SeriesPoint], ...] = (
    Column(
        "period", "datetime", "first day of the day, ISO week or month", lambda p: _day(p.period)
    ),
    Column(
        "label", "string", "the period as text: 2024-02, 2024-W07, 2024-02-20", lambda p: p.label
    ),
    Column("events", "int", "events between the two actors, both ways", lambda p: p.events),
    Column("a_to_b", "int", "events with the first actor acting", lambda p: p.a_to_b),
    Column("b_to_a", "int", "events with the second actor acting", lambda p: p.b_to_a),
    Column(
        "mean_goldstein",
        "float",
        "mean Goldstein score of those events",
        lambda p: p.mean_goldstein,
    ),
    *(
        Column(name, "int", f"events of quad class {i}", _quad_count(i))
        for i, name in enumerate(_QUADS, start=1)
    ),
    Column(
        "STATEMENT",
        "int",
        "statements (CAMEO 01, no PLOVER type)",
        lambda p: p.by_type.get("STATEMENT", 0),
    ),
    *(Column(t, "int", f"events of PLOVER type {t}", _type_count(t)) for t in PLOVER_TYPES),
)


class Records(list[T]):
    """A list of records that can become a DataFrame (pandas or polars) with fixed columns."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self, items: Iterable[T] = ()) -> None:
        super().__init__(items)

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Self: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | Self:
        """A slice is a list of the same kind, so ``events[:10].to_pandas()`` works."""
        if isinstance(index, slice):
            return type(self)(super().__getitem__(index))
        return super().__getitem__(index)

    def _values(self) -> dict[str, list[Any]]:
        return {c.name: [c.get(r) for r in self] for c in self.columns}

    def to_pandas(self) -> pandas.DataFrame:
        """A pandas DataFrame with the documented columns (needs ``dyad[notebook]``)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas needs pandas: pip install 'dyad[notebook]'") from exc
        values = self._values()
        frame = pd.DataFrame(
            {
                c.name: pd.Series(values[c.name], dtype=_PANDAS[c.dtype], name=c.name)
                for c in self.columns
            }
        )
        return frame

    def to_polars(self) -> polars.DataFrame:
        """A polars DataFrame with the documented columns (needs polars installed)."""
        try:
            import polars as pl
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_polars needs polars: pip install polars") from exc
        kinds: dict[str, Any] = {
            "string": pl.Utf8,
            "category": pl.Categorical,
            "datetime": pl.Datetime("ns"),
            "int": pl.Int64,
            "Int": pl.Int64,
            "float": pl.Float64,
        }
        schema = {c.name: kinds[c.dtype] for c in self.columns}
        return pl.DataFrame(self._values(), schema=schema)


class EventList(Records[Event]):
    """Events, one row each in ``to_pandas()`` (see the column table in the docs)."""

    columns = EVENT_COLUMNS


class QuoteList(Records[Quote]):
    """Quotes, one row each in ``to_pandas()``."""

    columns = QUOTE_COLUMNS


class SeriesList(Records[SeriesPoint]):
    """A dyad's events per period, one row per period with events, oldest first."""

    columns = SERIES_COLUMNS
