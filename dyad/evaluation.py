"""``dyad eval``: the coder measured against annotated sentences.

Two gold formats are read (see ``../shared/eval/dev/README`` in the development workspace):
PLOVER records (``event_type``, ``actor``, ``recipient``) and ConfliBERT's five classes
(``penta_label``). Every sentence is coded with no article date; all events count, whatever
their temporal status, since the gold marks what the sentence says happened or was intended.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyad._data import data_path, read_tsv
from dyad.coding.ontology import PLOVER_TYPES, penta_class
from dyad.errors import EvalError
from dyad.pipeline import Pipeline
from dyad.types import Article, Event

__all__ = ["EvalReport", "evaluate", "normalise_code", "read_gold"]

PENTA_NAMES = ["statement", "verbal coop", "material coop", "verbal conflict", "material conflict"]


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    path = data_path("ontology", "code_aliases.tsv")
    return {row["code"]: row["normal"] for _, row in read_tsv(path, ("code", "normal"))}


def normalise_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.upper()
    return _aliases().get(code, code)


@dataclass
class EvalReport:
    kind: str
    metrics: dict[str, float | int] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    confusion: dict[str, Counter[str]] = field(default_factory=dict)
    per_class: dict[str, tuple[int, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, **self.metrics}
        out["counts"] = {k: {"hits": h, "of": n} for k, (h, n) in self.counts.items()}
        if self.confusion:
            out["confusion"] = {g: dict(c) for g, c in self.confusion.items()}
        if self.per_class:
            out["per_class_recall"] = {
                k: {"hits": h, "of": n, "recall": round(h / n, 4) if n else None}
                for k, (h, n) in self.per_class.items()
            }
        return out


def read_gold(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """The records of a gold file and its kind, ``plover`` or ``penta``."""
    rows: list[dict[str, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{n}: malformed JSON: {exc.msg}") from exc
        if not isinstance(rec, dict) or "text" not in rec:
            raise EvalError(f"{path}:{n}: a gold record needs 'text'")
        rows.append(rec)
    if not rows:
        raise EvalError(f"{path}: no records")
    if all("event_type" in r for r in rows):
        return "plover", rows
    if all("penta_label" in r for r in rows):
        return "penta", rows
    raise EvalError(f"{path}: records have neither 'event_type' (PLOVER) nor 'penta_label'")


def _ratio(hits: int, n: int) -> float:
    return round(hits / n, 4) if n else 0.0


def _code_all(pipeline: Pipeline, rows: list[dict[str, Any]]) -> list[list[Event]]:
    arts = [Article(id=str(r.get("id", i)), text=str(r["text"])) for i, r in enumerate(rows)]
    return [c.events for c in pipeline.code_articles(arts)]


def _eval_plover(rows: list[dict[str, Any]], preds: list[list[Event]]) -> EvalReport:
    rep = EvalReport("plover")
    found = type_hits = actor_hits = actor_n = recip_hits = recip_n = 0
    precisions: list[float] = []
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for rec, events in zip(rows, preds, strict=True):
        gold = str(rec["event_type"]).upper()
        typed = [e for e in events if e.event_type]
        types = {e.event_type for e in typed}
        if typed:
            found += 1
            precisions.append((1.0 if gold in types else 0.0) / len(types))
        hit = gold in types
        type_hits += hit
        top = max(typed, key=lambda e: e.confidence).event_type if typed else "(none)"
        confusion[gold][gold if hit else str(top)] += 1
        of_type = [e for e in typed if e.event_type == gold]
        pred_actors = {normalise_code(e.actor.code) for e in of_type if e.actor}
        pred_recips = {normalise_code(e.recipient.code) for e in of_type if e.recipient}
        gold_actors = {normalise_code(a.get("code")) for a in rec.get("actor") or []} - {None}
        gold_recips = {normalise_code(a.get("code")) for a in rec.get("recipient") or []} - {None}
        if gold_actors:
            actor_n += 1
            actor_hits += gold_actors <= pred_actors
        if gold_recips:
            recip_n += 1
            recip_hits += gold_recips <= pred_recips
    n = len(rows)
    # type_precision: per sentence with a predicted type, the share of its distinct predicted
    # types that are the gold type (one gold event per sentence), averaged.
    prec = round(sum(precisions) / len(precisions), 4) if precisions else 0.0
    rep.metrics = {
        "n": n,
        "event_found": _ratio(found, n),
        "type_accuracy": _ratio(type_hits, n),
        "type_precision": prec,
        "actor_accuracy": _ratio(actor_hits, actor_n),
        "recipient_accuracy": _ratio(recip_hits, recip_n),
    }
    rep.counts = {
        "event_found": (found, n),
        "type_accuracy": (type_hits, n),
        "type_precision": (round(sum(precisions)), len(precisions)),
        "actor_accuracy": (actor_hits, actor_n),
        "recipient_accuracy": (recip_hits, recip_n),
    }
    rep.confusion = {t: confusion[t] for t in PLOVER_TYPES if t in confusion}
    return rep


def _eval_penta(rows: list[dict[str, Any]], preds: list[list[Event]]) -> EvalReport:
    rep = EvalReport("penta")
    found = hits = 0
    precisions: list[float] = []
    per: dict[int, list[int]] = {k: [0, 0] for k in range(5)}
    for rec, events in zip(rows, preds, strict=True):
        gold = int(rec["penta_label"])
        classes = {penta_class(e.cameo) for e in events}
        per[gold][1] += 1
        if events:
            found += 1
            precisions.append((1.0 if gold in classes else 0.0) / len(classes))
        if gold in classes:
            hits += 1
            per[gold][0] += 1
    n = len(rows)
    rep.metrics = {
        "n": n,
        "event_found": _ratio(found, n),
        "penta_accuracy": _ratio(hits, n),
        "penta_precision": round(sum(precisions) / len(precisions), 4) if precisions else 0.0,
    }
    rep.counts = {
        "event_found": (found, n),
        "penta_accuracy": (hits, n),
        "penta_precision": (round(sum(precisions)), len(precisions)),
    }
    rep.per_class = {f"{k} {PENTA_NAMES[k]}": (h, t) for k, (h, t) in per.items()}
    return rep


def evaluate(path: Path, pipeline: Pipeline | None = None) -> EvalReport:
    kind, rows = read_gold(path)
    pipeline = pipeline or Pipeline()
    preds = _code_all(pipeline, rows)
    return _eval_plover(rows, preds) if kind == "plover" else _eval_penta(rows, preds)
