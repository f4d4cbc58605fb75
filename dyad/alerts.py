"""Tension alerts: a dyad whose conflict intensity on a day is improbable under its own
recent past.

The test (``detect``, a pure function over daily series):

* **intensity** of a dyad on a day: the sum of |Goldstein| over that day's conflict events
  (CAMEO quad classes 3 and 4, current, both actors resolved; ``Store.conflict_intensity``).
  Both directions count: either side's actions turn the relationship.
* **baseline**: the 30 days before the day (days with no conflict event count as 0; days
  before the store's first event are unknown and left out; at least 7 known days needed).
* **score**: ``z = (x - mean) / max(std, min_std)`` with the baseline's mean and standard
  deviation. The floor ``min_std`` (5, half the weight of the gravest event) keeps a quiet
  dyad's zero variance from making any single event an alarm: from a silent baseline it takes
  an intensity of 15 (say two attacks, or four threats) to reach the threshold.
* **flag** when ``z >= 3`` (about p = 0.001 under a normal baseline; ``p`` is reported).
  A dyad that is always busy has a large mean and spread, so a busy day is not flagged; only
  a day well above its own normal is.

``post_webhook`` sends the alerts as JSON to a URL (the only I/O here).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dyad.store import Store

__all__ = ["Alert", "detect", "post_webhook", "store_alerts"]

WINDOW = 30
THRESHOLD = 3.0
MIN_STD = 5.0
MIN_HISTORY = 7


@dataclass(frozen=True, slots=True)
class Alert:
    actor: str
    recipient: str
    day: date
    value: float
    baseline_mean: float
    baseline_std: float
    baseline_days: int
    score: float
    p: float

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["day"] = self.day.isoformat()
        d["dyad"] = f"{self.actor}-{self.recipient}"
        for k in ("value", "baseline_mean", "baseline_std", "score"):
            d[k] = round(d[k], 3)
        d["p"] = float(f"{self.p:.3g}")
        return d


def detect(
    series: Mapping[tuple[str, str], Mapping[date, float]],
    *,
    start: date,
    end: date,
    since: date | None = None,
    window: int = WINDOW,
    threshold: float = THRESHOLD,
    min_std: float = MIN_STD,
    min_history: int = MIN_HISTORY,
) -> list[Alert]:
    """Flagged (dyad, day) pairs for the days from ``since`` to ``end``, oldest first.
    ``start`` is the first observed day (the store's first event): no baseline before it."""
    first = max(since or start, start + timedelta(days=min_history))
    alerts: list[Alert] = []
    for (a, b), daily in sorted(series.items()):
        day = first
        while day <= end:
            x = daily.get(day, 0.0)
            if x > 0:
                lo = max(start, day - timedelta(days=window))
                base = [daily.get(lo + timedelta(days=i), 0.0) for i in range((day - lo).days)]
                if len(base) >= min_history:
                    alert = _score(a, b, day, x, base, threshold, min_std)
                    if alert:
                        alerts.append(alert)
            day += timedelta(days=1)
    alerts.sort(key=lambda al: (al.day, -al.score, al.actor, al.recipient))
    return alerts


def store_alerts(
    store: Store, since: date | None = None, threshold: float = THRESHOLD
) -> list[Alert]:
    """The alerts over a store's events (the series is computed in SQL)."""
    start, end = store.event_dates()
    if start is None or end is None:
        return []
    return detect(
        store.conflict_intensity(), start=start, end=end, since=since, threshold=threshold
    )


def _score(
    a: str, b: str, day: date, x: float, base: Sequence[float], threshold: float, min_std: float
) -> Alert | None:
    n = len(base)
    mean = sum(base) / n
    std = math.sqrt(sum((v - mean) ** 2 for v in base) / n)
    z = (x - mean) / max(std, min_std)
    if z < threshold:
        return None
    p = 0.5 * math.erfc(z / math.sqrt(2))
    return Alert(a, b, day, x, mean, std, n, z, p)


def post_webhook(url: str, alerts: Sequence[Alert], *, timeout: float = 10.0) -> int:
    """POST ``{"alerts": [...]}`` to ``url``; returns the HTTP status (raises httpx errors)."""
    import httpx

    from dyad.sources.fetch import USER_AGENT

    r = httpx.post(
        url,
        json={"alerts": [al.to_dict() for al in alerts]},
        headers={"User-Agent": USER_AGENT},
        timeout=timeout,
    )
    r.raise_for_status()
    return r.status_code
