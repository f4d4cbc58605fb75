"""Marked-up text built from escaped pieces: article and sentence text is never trusted, so
every piece of it goes through ``escape`` and only our own tags are added around it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

from dyad.types import Event

__all__ = ["Mark", "find_sentence", "mark_up", "sentence_marks"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch ``[start, end)`` of a text to wrap in ``<tag class=...>``; ``attrs`` are
    escaped too, and ``anchor`` (an element id) goes on the first piece only."""

    start: int
    end: int
    css: str
    tag: str = "mark"
    title: str | None = None
    anchor: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)


def mark_up(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` with each mark wrapped around its stretch. Marks may nest or overlap: the
    text is cut at every boundary and each piece is wrapped in the marks that cover it
    (outermost first), so the result is always well-formed HTML."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    ordered = sorted(marks, key=lambda m: (m.start, -m.end))
    seen: set[int] = set()
    out: list[str] = []
    for lo, hi in pairwise(cuts):
        piece = str(escape(text[lo:hi]))
        covering = [(i, m) for i, m in enumerate(ordered) if m.start <= lo and hi <= m.end]
        for i, m in reversed(covering):
            attrs = [f' class="{escape(m.css)}"']
            if m.title:
                attrs.append(f' title="{escape(m.title)}"')
            if m.anchor and i not in seen:
                attrs.append(f' id="{escape(m.anchor)}"')
                seen.add(i)
            attrs.extend(f' {escape(k)}="{escape(v)}"' for k, v in m.attrs.items())
            piece = f"<{m.tag}{''.join(attrs)}>{piece}</{m.tag}>"
        out.append(piece)
    return Markup("".join(out))


def find_sentence(text: str, sentence: str, start: int, end: int) -> int | None:
    """Where ``sentence`` starts in the article ``text``: the occurrence that holds the
    trigger span ``[start, end)`` (a sentence can repeat in an article)."""
    at = text.find(sentence)
    while at != -1:
        if at <= start and end <= at + len(sentence):
            return at
        at = text.find(sentence, at + 1)
    return None


def sentence_marks(e: Event, sentence_start: int | None) -> list[Mark]:
    """The trigger (by its offsets, or by its text when the sentence's place in the article
    is unknown) and the actor and recipient words nearest to it. Actor words carry no
    offsets in the store, so they are found by their text in the sentence."""
    s = e.sentence
    t0 = s.find(e.trigger.text) if sentence_start is None else e.trigger.start - sentence_start
    marks: list[Mark] = []
    if t0 < 0 or s[t0 : t0 + len(e.trigger.text)] != e.trigger.text:
        return marks
    t1 = t0 + len(e.trigger.text)
    marks.append(Mark(t0, t1, f"trigger q{e.quad_class}", title=f"trigger: {e.cameo}"))
    taken = [(t0, t1)]
    for side, role in ((e.actor, "actor"), (e.recipient, "recipient")):
        if side is None or not side.text:
            continue
        spot = _nearest(s, side.text, t0, taken)
        if spot is not None:
            taken.append((spot, spot + len(side.text)))
            label = f"{role}: {side.code or '?'}{' ' + side.sector if side.sector else ''}"
            marks.append(Mark(spot, spot + len(side.text), role, title=label))
    return marks


def _nearest(s: str, words: str, anchor: int, taken: list[tuple[int, int]]) -> int | None:
    best: int | None = None
    at = s.find(words)
    while at != -1:
        end = at + len(words)
        free = all(end <= lo or hi <= at for lo, hi in taken)
        if free and (best is None or abs(at - anchor) < abs(best - anchor)):
            best = at
        at = s.find(words, at + 1)
    return best
