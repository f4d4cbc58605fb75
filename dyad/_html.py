"""HTML for notebooks: an article's text with what the coder used highlighted."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyad.pipeline import CodedArticle
    from dyad.types import Actor, Event

_STYLE = {
    "trigger": "background:#ffe08a;font-weight:bold",
    "actor": "background:#b9e3ff",
    "recipient": "background:#ffc9c9",
}


def _event_title(e: Event) -> str:
    actor = e.actor.label if e.actor else "?"
    recip = f" → {e.recipient.label}" if e.recipient else ""
    return (
        f"{actor}{recip} {e.event_type or 'STATEMENT'} (CAMEO {e.cameo}) {e.temporal}; "
        f"rule {e.rule}, confidence {e.confidence:.2f}"
    )


def _spans(text: str, events: list[Event]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, title) for each trigger, and for each actor's words found in its
    event's sentence; overlapping spans keep the first (triggers win)."""
    found: list[tuple[int, int, str, str]] = []
    for e in events:
        found.append((e.trigger.start, e.trigger.end, "trigger", _event_title(e)))
    for e in events:
        # The last copy of the sentence that starts before the trigger holds it.
        sent_start = text.rfind(e.sentence, 0, e.trigger.start + len(e.sentence))
        sent_end = sent_start + len(e.sentence)
        if sent_start < 0 or sent_end < e.trigger.end:
            continue
        pairs: list[tuple[str, Actor | None]] = [("actor", e.actor), ("recipient", e.recipient)]
        for kind, who in pairs:
            if who is None or not who.text:
                continue
            at = text.find(who.text, sent_start, sent_end)
            if at >= 0:
                found.append((at, at + len(who.text), kind, f"{kind} {who.label}"))
    chosen: list[tuple[int, int, str, str]] = []
    for span in found:
        if all(span[1] <= s or span[0] >= e for s, e, _, _ in chosen):
            chosen.append(span)
    return sorted(chosen)


def coded_article_html(coded: CodedArticle) -> str:
    a = coded.article
    text = a.text
    parts: list[str] = []
    pos = 0
    for start, end, kind, title in _spans(text, coded.events):
        parts.append(escape(text[pos:start]))
        parts.append(
            f'<mark class="dyad-{kind}" style="{_STYLE[kind]}" title="{escape(title)}">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    parts.append(escape(text[pos:]))
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(v)}</td>"
            for v in (
                e.date.isoformat() if e.date else "",
                e.actor.label if e.actor else "",
                e.recipient.label if e.recipient else "",
                e.event_type or "STATEMENT",
                e.cameo,
                e.temporal,
                e.trigger.text,
            )
        )
        + "</tr>"
        for e in coded.events
    )
    head = "".join(
        f"<th>{h}</th>"
        for h in ("date", "actor", "recipient", "type", "cameo", "temporal", "trigger")
    )
    day = a.date.isoformat() if a.date else "undated"
    return (
        f'<div class="dyad-article"><p><b>{escape(a.title or a.id)}</b> ({escape(day)}, '
        f"{len(coded.events)} event(s))</p>"
        f'<div style="white-space:pre-wrap">{"".join(parts)}</div>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )
