"""Who said what: direct quotes, reported speech and their speakers, on sentences written
for each case and on the seed article. Expected values come from reading the text."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.context.quotes import QuoteMention, find_quotes
from tests.conftest import SEED


@pytest.fixture(scope="module")
def nlp() -> Any:
    from dyad.nlp import load

    return load()


@pytest.fixture(scope="module")
def blank() -> Any:
    """A tokenizer without a parser: quotes are paired, speakers are unknown."""
    import spacy

    return spacy.blank("en")


def _quotes(nlp: Any, text: str) -> list[QuoteMention]:
    doc = nlp(text)
    found = find_quotes(doc)
    for q in found:
        assert doc.text[q.start : q.end] == q.text
        assert q.kind in ("direct", "reported")
    return found


def _speaker(q: QuoteMention) -> str | None:
    return None if q.speaker is None else q.speaker.text


def _direct(found: list[QuoteMention]) -> list[QuoteMention]:
    return [q for q in found if q.kind == "direct"]


# --- pairing marks (tokenizer only) -----------------------------------------------------------


def test_apostrophes_and_possessives_do_not_break_pairing(blank: Any) -> None:
    text = "“It’s a matter of China’s sovereignty,” she said, “and we won’t yield.”"
    found = _quotes(blank, text)
    assert [q.text for q in found] == [
        "It’s a matter of China’s sovereignty,",
        "and we won’t yield.",
    ]
    assert all(q.speaker is None for q in found)


def test_straight_apostrophes_inside_straight_quotes(blank: Any) -> None:
    found = _quotes(blank, '"It\'s the people\'s choice," he said. "Don\'t wait."')
    assert [q.text for q in found] == ["It's the people's choice,", "Don't wait."]


def test_single_curly_quotes_need_four_words(blank: Any) -> None:
    assert [q.text for q in _quotes(blank, "He called it ‘a very bad deal for everyone’.")] == [
        "a very bad deal for everyone"
    ]
    assert _quotes(blank, "The ‘hawks’ won the allies’ support in the ’90s.") == []


def test_plural_possessive_inside_single_quotes(blank: Any) -> None:
    found = _quotes(blank, "‘The allies’ position is firm,’ he said.")
    assert [q.text for q in found] == ["The allies’ position is firm,"]


def test_nested_quote_belongs_to_the_outer_one(blank: Any) -> None:
    found = _quotes(blank, "“He told me ‘we will never sign this deal’ yesterday,” she said.")
    assert [q.text for q in found] == ["He told me ‘we will never sign this deal’ yesterday,"]


def test_inch_marks_are_not_quotes(blank: Any) -> None:
    found = _quotes(blank, 'A 12" pipe and a 6" one were "found" by police.')
    assert [q.text for q in found] == ["found"]


def test_unclosed_quote_ends_with_its_paragraph(blank: Any) -> None:
    found = _quotes(blank, "He said “we will fight on\n\nThe meeting ended.")
    assert [q.text for q in found] == ["we will fight on"]


def test_empty_doc(blank: Any) -> None:
    assert find_quotes(blank("")) == []
    assert find_quotes(blank("   ")) == []


_WORDS = st.sampled_from(
    ["He", "said", "she", "China", "s", "talks", "according", "to", "that", "we", "12", "-", ":"]
)
_MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", ",", ".", " ", "\n\n", "\n"])
_TEXTS = st.lists(st.one_of(_WORDS, _MARKS), max_size=40).map(" ".join)


def _well_formed(doc: Any, found: list[QuoteMention], n_sents: int) -> None:
    for q in found:
        assert doc.text[q.start : q.end] == q.text
        assert q.text and q.text == q.text.strip()
        assert 0 <= q.sentence_index < n_sents
    spans = sorted((q.start, q.end) for q in found if q.kind == "direct")
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_any_text_gives_well_formed_quotes(blank: Any, text: str) -> None:
    doc = blank(text)  # no sentence boundaries: the whole text is sentence 0
    found = find_quotes(doc)
    _well_formed(doc, found, 1)
    assert all(q.speaker is None for q in found)


# --- speakers (with the parser) ---------------------------------------------------------------


@pytest.mark.model
def test_straight_quote_she_said(nlp: Any) -> None:
    [q] = _quotes(nlp, '"We will not back down," she said.')
    assert (q.kind, q.text, _speaker(q), q.sentence_index) == (
        "direct",
        "We will not back down,",
        "she",
        0,
    )


@pytest.mark.model
def test_curly_quote_after_x_added(nlp: Any) -> None:
    [q] = _quotes(nlp, "Hua added, “We solemnly ask Japan to stop its provocations.”")
    assert q.text == "We solemnly ask Japan to stop its provocations."
    assert _speaker(q) == "Hua"  # not "We", the subject of "ask" inside the quote


@pytest.mark.model
def test_inverted_said_the_spokesman(nlp: Any) -> None:
    [q] = _quotes(nlp, "“The talks were useful and frank,” said the spokesman.")
    assert _speaker(q) == "spokesman"


@pytest.mark.model
def test_inverted_said_title_and_name(nlp: Any) -> None:
    [q] = _quotes(nlp, '"We will not back down," said Foreign Minister Wang Yi.')
    assert _speaker(q) == "Yi"


@pytest.mark.model
def test_speaker_after_a_colon(nlp: Any) -> None:
    [q] = _quotes(nlp, "The minister said: “Talks are over for this year.”")
    assert _speaker(q) == "minister"


@pytest.mark.model
def test_two_sentence_quote_with_speaker_before(nlp: Any) -> None:
    text = "Earlier, the minister said: “Talks are over. We are leaving tomorrow.”"
    [q] = _direct(_quotes(nlp, text))
    assert q.text == "Talks are over. We are leaving tomorrow."
    assert _speaker(q) == "minister"
    assert q.sentence_index == 0


@pytest.mark.model
def test_two_sentence_quote_with_speaker_after(nlp: Any) -> None:
    text = "Talks resumed. “A deal is close. We expect to sign it soon,” the minister said."
    [q] = _direct(_quotes(nlp, text))
    assert q.text == "A deal is close. We expect to sign it soon,"
    assert _speaker(q) == "minister"
    assert q.sentence_index == 1


@pytest.mark.model
def test_quote_over_two_paragraphs(nlp: Any) -> None:
    text = (
        "Wang said: “We will not accept this interference.\n\n"
        "“Nor will our partners in the region accept it.”\n\n"
        "The meeting ended."
    )
    [q] = _direct(_quotes(nlp, text))
    assert q.text.startswith("We will not accept")
    assert q.text.endswith("accept it.")
    assert _speaker(q) == "Wang"


@pytest.mark.model
def test_quote_split_from_she_said_by_a_period(nlp: Any) -> None:
    [q] = _quotes(nlp, "“We will win this fight.” she said.")
    assert _speaker(q) == "she"


@pytest.mark.model
def test_quote_without_speech_verb_has_no_speaker(nlp: Any) -> None:
    text = "Officials met on Monday. “The weather was terrible all day long.” Nobody spoke."
    [q] = _quotes(nlp, text)
    assert q.text == "The weather was terrible all day long."
    assert q.speaker is None
    assert q.sentence_index == 1


@pytest.mark.model
def test_next_quote_keeps_the_speaker_within_a_paragraph(nlp: Any) -> None:
    text = "“We will never sign this deal,” Baloch wrote. “I believe we are right.”"
    assert [_speaker(q) for q in _quotes(nlp, text)] == ["Baloch", "Baloch"]
    text = "“We will never sign this deal,” she said. Officials disagreed. “It was cold all day.”"
    assert [_speaker(q) for q in _direct(_quotes(nlp, text))] == ["she", None]
    text = "“We will never sign this deal,” she said.\n\n“It was cold all day long.”"
    assert [_speaker(q) for q in _direct(_quotes(nlp, text))] == ["she", None]


@pytest.mark.model
def test_scare_quote_takes_the_subject_of_the_governing_verb(nlp: Any) -> None:
    [q] = _quotes(nlp, "China warned Japan to be “extra cautious” in its dealings.")
    assert (q.kind, q.text, _speaker(q)) == ("direct", "extra cautious", "China")


@pytest.mark.model
def test_scare_quote_without_speech_verb(nlp: Any) -> None:
    [q] = _quotes(nlp, "The so-called “peace plan” was published on Monday.")
    assert q.speaker is None


@pytest.mark.model
def test_two_quotes_around_one_speaker(nlp: Any) -> None:
    text = '"We want peace," the president told reporters, "but we will defend ourselves."'
    found = _quotes(nlp, text)
    assert [(q.text, _speaker(q)) for q in found] == [
        ("We want peace,", "president"),
        ("but we will defend ourselves.", "president"),
    ]


@pytest.mark.model
def test_reported_said_that(nlp: Any) -> None:
    [q] = _quotes(nlp, "The spokesman said that the talks had failed.")
    assert (q.kind, q.text, _speaker(q)) == ("reported", "the talks had failed", "spokesman")


@pytest.mark.model
def test_reported_without_that_and_told(nlp: Any) -> None:
    [q] = _quotes(nlp, "Hsieh told reporters the meeting was still in the planning stages.")
    assert (q.kind, q.text, _speaker(q)) == (
        "reported",
        "the meeting was still in the planning stages",
        "Hsieh",
    )


@pytest.mark.model
def test_reported_by_relative_clause_and_by_adding(nlp: Any) -> None:
    [q] = _quotes(nlp, "The spokesman, who said that the talks failed, left early.")
    assert (q.text, _speaker(q)) == ("the talks failed", "spokesman")
    [q] = _quotes(nlp, "Hua was quoted as saying that China would respond firmly.")
    assert (q.text, _speaker(q)) == ("China would respond firmly", "Hua")


@pytest.mark.model
def test_negated_speech_reports_nothing(nlp: Any) -> None:
    assert _quotes(nlp, "China did not say that it would attack.") == []


@pytest.mark.model
def test_according_to_before_and_after(nlp: Any) -> None:
    [q] = _quotes(nlp, "According to the source, Sato will attend the dialogue.")
    assert (q.kind, q.text, _speaker(q)) == ("reported", "Sato will attend the dialogue", "source")
    [q] = _quotes(nlp, "The talks failed, according to officials.")
    assert (q.text, _speaker(q)) == ("The talks failed", "officials")


@pytest.mark.model
def test_clause_inside_a_direct_quote_is_not_reported_twice(nlp: Any) -> None:
    found = _quotes(nlp, "“The talks have failed completely,” she said.")
    assert [q.kind for q in found] == ["direct"]
    found = _quotes(nlp, 'He said "the deal is a disaster for us" and left.')
    assert [(q.kind, _speaker(q)) for q in found] == [("direct", "He")]


@pytest.mark.model
def test_reported_clause_with_a_scare_quote_keeps_both(nlp: Any) -> None:
    found = _quotes(nlp, "He said that the plan was “dead on arrival” in Congress.")
    assert [(q.kind, q.text) for q in found] == [
        ("reported", "the plan was “dead on arrival” in Congress"),
        ("direct", "dead on arrival"),
    ]
    assert all(_speaker(q) == "He" for q in found)


# --- the seed article -------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.shared
def test_seed_article_quotes(shared: Any, nlp: Any) -> None:
    # The first line is "date YYYY-MM-DD headline"; the body follows.
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    found = _quotes(nlp, body)
    direct = _direct(found)

    def by_start(prefix: str) -> QuoteMention:
        [q] = [q for q in direct if q.text.startswith(prefix)]
        return q

    # “The Taiwan question ...,” she said, adding that “Japan must ...” / Hua added, “We ...”
    taiwan = by_start("The Taiwan question affects")
    must = by_start("Japan must and should")
    ask = by_start("We solemnly ask Japan")
    assert [_speaker(q) for q in (taiwan, must, ask)] == ["she", "she", "Hua"]
    assert taiwan.sentence_index == must.sentence_index < ask.sentence_index
    assert ask.text.endswith("Taiwan independence forces.")
    # China has warned Japan to be “extra cautious”: a fragment, China's words.
    assert _speaker(by_start("extra cautious")) == "China"
    # Hua Chunying stated that China opposes ...: reported speech.
    [opposes] = [q for q in found if q.kind == "reported" and "opposes" in q.text]
    assert opposes.text.startswith("China opposes all contacts")
    assert opposes.speaker is not None
    phrase = opposes.speaker.doc[opposes.speaker.left_edge.i : opposes.speaker.right_edge.i + 1]
    assert "Hua Chunying" in phrase.text
    # Nothing is reported twice: no reported clause starts inside a direct quote.
    for r in found:
        if r.kind == "reported":
            assert not any(d.start <= r.start < d.end for d in direct)


@pytest.mark.model
@settings(max_examples=60, deadline=None)
@given(_TEXTS)
def test_any_parsed_text_gives_well_formed_quotes(nlp: Any, text: str) -> None:
    doc = nlp(text)
    _well_formed(doc, find_quotes(doc), len(list(doc.sents)))
