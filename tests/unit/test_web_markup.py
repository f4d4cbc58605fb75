"""Marked-up text: stored text is always escaped, marks nest into well-formed HTML, and the
trigger is marked where its offsets say."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

from dyad.types import Actor, Event, Span
from dyad.web.markup import Mark, find_sentence, mark_up, sentence_marks


class _Tags(HTMLParser):
    """Parses markup, checking every end tag closes the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.seen: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.seen.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    assert not p.stack
    return p


def test_text_is_escaped_and_only_our_tags_are_added() -> None:
    text = 'Hi <script>alert(1)</script> & "bye"'
    html = str(mark_up(text, [Mark(0, 2, "trigger q1", title='x"><b>')]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    parsed = _parse(html)
    assert [t for t, _ in parsed.seen] == ["mark"]
    assert parsed.seen[0][1]["title"] == 'x"><b>'
    assert "".join(parsed.text) == text


def test_overlapping_marks_stay_well_formed() -> None:
    text = "He said: stop the patrols now."
    quote = Mark(9, 29, "quote", tag="span")
    trigger = Mark(9, 13, "trigger q3", anchor="t9-13")
    crossing = Mark(25, 30, "other")  # crosses the end of the quote
    parsed = _parse(str(mark_up(text, [trigger, quote, crossing])))
    assert "".join(parsed.text) == text
    ids = [a.get("id") for _, a in parsed.seen if a.get("id")]
    assert ids == ["t9-13"]  # the anchor once, however the mark is cut


def test_marks_outside_the_text_are_dropped() -> None:
    assert str(mark_up("abc", [Mark(2, 9, "x"), Mark(-1, 1, "y")])) == "abc"


def test_find_sentence_picks_the_occurrence_holding_the_trigger() -> None:
    text = "China warned Japan. Japan replied. China warned Japan."
    second = text.rindex("China warned Japan.")
    assert find_sentence(text, "China warned Japan.", second + 6, second + 12) == second
    assert find_sentence(text, "China warned Japan.", 6, 12) == 0
    assert find_sentence(text, "Not here.", 0, 3) is None


def _event(sentence: str, trigger: Span, actor: str, recipient: str) -> Event:
    return Event(
        id="e",
        article_id="a",
        sentence_index=0,
        sentence=sentence,
        trigger=trigger,
        date=date(2024, 1, 1),
        event_type="THREATEN",
        mode=None,
        cameo="130",
        cameo_root="13",
        quad_class=3,
        goldstein=-4.4,
        actor=Actor(actor, "CHN"),
        recipient=Actor(recipient, "JPN"),
        rule="r",
        confidence=1.0,
    )


def test_sentence_marks_use_the_trigger_offsets() -> None:
    # "warned" occurs twice; the offsets say it is the second one.
    article = "Intro. Japan warned nobody, but China warned Japan."
    sentence = "Japan warned nobody, but China warned Japan."
    start = article.index(sentence)
    second = article.rindex("warned")
    e = _event(sentence, Span("warned", second, second + 6), "China", "Japan")
    marks = {m.css.split()[0]: m for m in sentence_marks(e, start)}
    assert sentence[marks["trigger"].start : marks["trigger"].end] == "warned"
    assert marks["trigger"].start == second - start
    # The actor and recipient words nearest the trigger.
    assert marks["actor"].start == sentence.index("China")
    assert marks["recipient"].start == sentence.rindex("Japan")


def test_sentence_marks_without_offsets_find_the_trigger_text() -> None:
    e = _event("China warned Japan.", Span("warned", 500, 506), "China", "Japan")
    marks = sentence_marks(e, None)
    assert (marks[0].start, marks[0].end) == (6, 12)
