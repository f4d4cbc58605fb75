"""Who said what: direct quotes and reported speech in a parsed Doc.

A statement event inside a quote belongs to the speaker, not to the article's narrator, so the
coder needs to know which words are quoted and by whom. Quotation marks are paired on the raw
text (the tokenizer sometimes glues a mark to a word, as in ``quasi-“2+2”``); speakers come from
the dependency parse. The speaker is the head token of the speaker phrase ("she", "Hua",
"spokesman"): resolving pronouns and titles to people is done elsewhere.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dyad.nlp import doc_text, tokens_with

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["SPEECH_VERBS", "QuoteMention", "find_quotes"]

#: Lemmas of verbs that introduce speech, direct ("“...,” she said") or reported ("X said that").
SPEECH_VERBS = frozenset(
    {
        "acknowledge",
        "add",
        "admit",
        "affirm",
        "announce",
        "argue",
        "ask",
        "assert",
        "caution",
        "claim",
        "comment",
        "complain",
        "conclude",
        "confirm",
        "continue",
        "declare",
        "deny",
        "emphasise",
        "emphasize",
        "explain",
        "insist",
        "maintain",
        "note",
        "observe",
        "pledge",
        "predict",
        "promise",
        "recall",
        "reiterate",
        "remark",
        "reply",
        "report",
        "respond",
        "say",
        "state",
        "stress",
        "suggest",
        "tell",
        "tweet",
        "urge",
        "vow",
        "warn",
        "write",
    }
)
# Verbs whose object is what was said, not whom it was said to: a parser that reads the
# inverted "said the spokesman" as verb + object still gives the speaker.
_NO_ADDRESSEE = frozenset({"say", "add", "state", "declare", "write", "continue", "reply"})
# Direct quotes shorter than this are fragments (scare quotes) unless they end in punctuation;
# single curly quotes shorter than this are taken for apostrophes and dropped.
_MIN_WORDS = 4

_APOSTROPHE, _OPEN, _CLOSE, _EITHER = 0, 1, 2, 3
_DOUBLE = frozenset('"“”')
_BEFORE_OPEN = frozenset("([{—–-/:")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-'’”")
_UTTERANCE_END = frozenset(",.!?…;:—–-")
_RELATIVE = frozenset({"who", "that", "which", "whom"})


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """Quoted or reported words, where they are, and the head token of whoever said them."""

    text: str
    start: int
    end: int
    kind: str  # "direct" | "reported"
    speaker: Token | None
    sentence_index: int


def find_quotes(doc: Doc) -> list[QuoteMention]:
    """Direct quotes and reported speech in ``doc``, in text order.

    ``text`` is ``doc.text[start:end]``: the words between the marks of a direct quote, or
    the reported clause (without "that"). A speaker that cannot be found is ``None``.
    """
    if len(doc) == 0:
        return []
    view = _DocView(doc)
    direct = [(s, e) for s, e in _quote_spans(view.text) if e > s]
    quoted: set[int] = set()
    for s, e in direct:
        quoted.update(range(view.token_at(s), view.token_at(e - 1) + 1))
    out = _carry_speakers(view, [_direct(view, s, e, quoted) for s, e in direct])
    seen = {(q.start, q.end) for q in out}
    for m in _reported(view, quoted):
        # A clause that opens inside a direct quote is the parse of that quote (plus noise).
        inside = any(s <= m.start < e for s, e in direct)
        if not inside and (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return sorted(out, key=lambda q: (q.start, q.end))


# --- pairing quotation marks on the raw text --------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated, or line separated in text without blank lines."""
    sep = re.compile(r"\n[ \t\r\f\v]*\n\s*" if re.search(r"\n[ \t\r\f\v]*\n", text) else r"\n\s*")
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _direction(text: str, i: int) -> int:
    """Whether the mark at ``i`` opens or closes a quote (or is an apostrophe); straight marks
    are read from the characters around them."""
    c = text[i]
    if c in "“‘":
        return _OPEN
    if c == "”":
        return _CLOSE
    prev = text[i - 1] if i > 0 else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    if c == "’":
        # An apostrophe (it’s, China’s) sits between letters; a closing mark follows a word.
        if prev is None or prev.isspace() or (nxt is not None and nxt.isalnum()):
            return _APOSTROPHE
        return _CLOSE
    opens = (prev is None or prev.isspace() or prev in _BEFORE_OPEN) and (
        nxt is not None and not nxt.isspace()
    )
    closes = (prev is not None and not prev.isspace()) and (
        nxt is None or nxt.isspace() or nxt in _AFTER_CLOSE
    )
    if opens and not closes:
        return _OPEN
    if closes and not opens:
        return _CLOSE
    return _EITHER


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_paragraph(text: str, start: int) -> bool:
    return text[start] in _DOUBLE and _direction(text, start) in (_OPEN, _EITHER)


def _possessive(text: str, i: int) -> bool:
    """Whether the ``’`` at ``i`` reads as a plural possessive ("the allies’ position")."""
    return text[i - 1] in "sS" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].isalpha()


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted words, outermost only (nested quotes belong to the outer)."""
    spans: list[tuple[int, int]] = []
    paras = _paragraphs(text)
    double: list[int] = []  # positions just after unclosed double opening marks
    for n, (p_start, p_end) in enumerate(paras):
        single = -1  # position just after the latest single opening mark
        skip = p_start if double and _opens_paragraph(text, p_start) else -1
        for i in range(p_start, p_end):
            c = text[i]
            if i == skip or c not in '"“”‘’':
                continue
            d = _direction(text, i)
            if c in _DOUBLE:
                if d == _OPEN or (d == _EITHER and not double):
                    double.append(i + 1)
                elif double:
                    spans.append(_trim(text, double.pop(), i))
            elif d == _OPEN:
                single = i + 1
            elif d == _CLOSE and single >= 0 and not _possessive(text, i):
                s, e = _trim(text, single, i)
                single = -1
                if len(text[s:e].split()) >= _MIN_WORDS:
                    spans.append((s, e))
        if double:
            nxt = paras[n + 1][0] if n + 1 < len(paras) else None
            if nxt is not None and _opens_paragraph(text, nxt):
                # The multi-paragraph convention: the quote goes on in the next paragraph.
                del double[1:]
            else:
                spans.extend(_trim(text, s, p_end) for s in reversed(double))
                double.clear()
    spans = sorted(set(spans), key=lambda se: (se[0], -se[1]))
    outer: list[tuple[int, int]] = []
    for s, e in spans:
        if outer and s < outer[-1][1]:
            continue  # nested in (or overlapping) the previous quote
        outer.append((s, e))
    return outer


# --- speakers -------------------------------------------------------------------------------


class _DocView:
    """Char-to-token, token-to-sentence and token-to-paragraph lookups over one Doc."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX

        self.doc = doc
        self.text = doc_text(doc)
        self.starts: list[int] = doc.to_array(IDX).tolist()
        parsed = doc.has_annotation("DEP")
        self.parsed = parsed
        sents = list(doc.sents) if parsed or doc.has_annotation("SENT_START") else [doc[:]]
        self.sents = [(s.start, s.end) for s in sents]
        self.sent_of = [0] * len(doc)
        for k, (a, b) in enumerate(self.sents):
            for i in range(a, b):
                self.sent_of[i] = k
        # The sentence splitter may run over a paragraph break; speakers never do.
        self.para_starts = [p for p, _ in _paragraphs(self.text)]

    def para(self, i: int) -> int:
        """Paragraph index of token ``i``."""
        return max(bisect.bisect_right(self.para_starts, self.doc[i].idx) - 1, 0)

    def token_at(self, char: int) -> int:
        """The token holding ``char``, or the next token when ``char`` is whitespace."""
        i = max(bisect.bisect_right(self.starts, char) - 1, 0)
        t = self.doc[i]
        if char >= t.idx + len(t) and i + 1 < len(self.doc):
            i += 1
        return i


#: String hash -> a speech verb or "according" (see ``tokens_with``).
_CUE_WORDS: dict[int, bool] = {}


def _cue_word(word: str) -> bool:
    return word in SPEECH_VERBS or word == "according"


def _is_cue(tok: Token) -> bool:
    """A speech verb, or the "according" of "according to X"."""
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children)
    return tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS


def _anchor(cue: Token) -> Token:
    """The token that governs what a cue introduces: the verb itself, or the clause that
    "according to X" modifies."""
    return cue.head if cue.lower_ == "according" else cue


def _speaker_of(cue: Token) -> Token | None:
    """Head token of whoever speaks through ``cue`` (a speech verb or "according")."""
    who = _subject(cue)
    return None if who is None or who.is_punct or who.is_space else who


def _subject(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                return next((c for c in to.children if c.dep_ == "pobj"), None)
        return None
    verb = cue
    for _ in range(6):
        kids = list(verb.children)
        subj = next((c for c in kids if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "the spokesman, who said ..."
            return subj
        if verb.i == cue.i:
            agent = next((c for c in kids if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if any(c.dep_ == "nsubjpass" for c in kids):
                return None  # "Japan was told that ...": the subject is the addressee
            obj = next((c for c in kids if c.dep_ == "dobj" and c.i > cue.i), None)
            if obj is not None and cue.lemma_.lower() in _NO_ADDRESSEE:
                return obj  # inverted order read as an object: "said the spokesman"
        else:
            passive = next((c for c in kids if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                # "Hua was quoted as saying": the quoted one speaks; others do not.
                return passive if verb.lemma_.lower() == "quote" else None
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "a statement saying ..."
        if verb.dep_ in ("advcl", "conj", "xcomp", "pcomp", "prep") and verb.head.i != verb.i:
            verb = verb.head  # "she said, adding ...", "went on to say"
            continue
        return None
    return None


def _hops(tok: Token, anchor: Token) -> int | None:
    """Steps up the tree from ``tok`` to ``anchor`` (0 when they are the same token)."""
    n = 0
    while tok.i != anchor.i:
        if tok.head.i == tok.i:
            return None
        tok, n = tok.head, n + 1
    return n


def _is_fragment(words: str) -> bool:
    """A few words quoted inside a sentence ("to be “extra cautious”"), not an utterance."""
    return len(words.split()) < _MIN_WORDS and words[-1] not in _UTTERANCE_END


def _carry_speakers(view: _DocView, quotes: list[QuoteMention]) -> list[QuoteMention]:
    """Give a speakerless quote that opens the sentence right after a quote by a known speaker,
    in the same paragraph, that speaker: "“...,” Baloch wrote. “I believe ...”"."""
    doc, text = view.doc, view.text
    out: list[QuoteMention] = []
    for q in quotes:
        prev = out[-1] if out else None
        if q.speaker is None and prev is not None and prev.speaker is not None:
            first = view.token_at(q.start)
            sent_start = view.sents[q.sentence_index][0]
            prev_end = view.sent_of[view.token_at(prev.end - 1)]
            if (
                not _is_fragment(q.text)
                and not _is_fragment(prev.text)
                and "\n" not in text[prev.end : q.start]
                and q.sentence_index <= prev_end + 1
                and all(_edge(t) for t in doc[sent_start:first])
            ):
                q = replace(q, speaker=prev.speaker)
        out.append(q)
    return out


def _direct(view: _DocView, start: int, end: int, quoted: set[int]) -> QuoteMention:
    text = view.text[start:end]
    first = view.token_at(start)
    speaker = _direct_speaker(view, start, end, quoted) if view.parsed else None
    return QuoteMention(text, start, end, "direct", speaker, view.sent_of[first])


def _cues(view: _DocView, sent: int, quoted: set[int], paras: range) -> list[Token]:
    a, b = view.sents[sent]
    return [
        t for t in view.doc[a:b] if t.i not in quoted and view.para(t.i) in paras and _is_cue(t)
    ]


def _direct_speaker(view: _DocView, start: int, end: int, quoted: set[int]) -> Token | None:
    """Speaker of the quote ``start..end``: a speech verb governing it, else (for a full
    quote, not a fragment) the nearest one in its first or last sentence, else a bare
    "she said." right after it or "X said:" right before it."""
    doc, text = view.doc, view.text
    first, last = view.token_at(start), view.token_at(end - 1)
    s_first, s_last = view.sent_of[first], view.sent_of[last]
    fragment = _is_fragment(text[start:end])
    span = range(first, last + 1)
    roots = [doc[i] for i in span if doc[i].head.i not in span or doc[i].head.i == i]
    paras = range(view.para(first), view.para(last) + 1)
    cues = _cues(view, s_first, quoted, paras)
    if s_last != s_first:
        cues += _cues(view, s_last, quoted, paras)
    governing: list[tuple[int, int, Token]] = []
    for cue in cues:
        hops = [h for r in roots if (h := _hops(r, _anchor(cue))) is not None]
        if hops:
            governing.append((min(hops), -cue.i, cue))
    if governing:
        return _speaker_of(min(governing, key=lambda g: g[:2])[2])
    if fragment:
        return None
    if cues:
        nearest = min(cues, key=lambda c: first - c.i if c.i < first else c.i - last)
        return _speaker_of(nearest)
    # The sentence splitter may cut "X said:\n“...”" or "“...” she said." in two.
    if text[:start].rstrip().rstrip('"“‘').rstrip().endswith(":") and s_first > 0:
        before = _cues(view, s_first - 1, quoted, range(paras.start - 1, paras.stop))
        if before:
            return _speaker_of(before[-1])
    if s_last + 1 < len(view.sents):
        nxt = view.sents[s_last + 1][0]
        tail = doc[last + 1 : nxt]
        if "\n" not in text[end : doc[nxt].idx] and all(t.is_punct for t in tail):
            for cue in _cues(view, s_last + 1, quoted, paras):
                if not any(k.dep_ == "ccomp" for k in cue.children):
                    return _speaker_of(cue)
    return None


# --- reported speech ------------------------------------------------------------------------


def _edge(tok: Token) -> bool:
    return tok.is_punct or tok.is_space or tok.is_quote


def _trim_tokens(view: _DocView, a: int, b: int) -> tuple[int, int]:
    """Tokens ``a..b-1`` without edge punctuation, except brackets closed inside the span."""
    doc = view.doc
    while a < b and _edge(doc[a]) and not (doc[a].text in "([" and _balanced(view, a, b)):
        a += 1
    while b > a and _edge(doc[b - 1]) and not (doc[b - 1].text in ")]" and _balanced(view, a, b)):
        b -= 1
    return a, b


def _balanced(view: _DocView, a: int, b: int) -> bool:
    doc = view.doc
    text = view.text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1])]
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _clause(view: _DocView, a: int, b: int) -> tuple[int, int] | None:
    """Char span of tokens ``a..b-1`` without a leading "that" or edge punctuation."""
    doc = view.doc
    a, b = _trim_tokens(view, a, b)
    if a < b and doc[a].lower_ == "that" and doc[a].dep_ == "mark":
        a, b = _trim_tokens(view, a + 1, b)
    if a >= b:
        return None
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


# A closing quotation mark after a full stop, then a capital: a sentence end the splitter missed.
_MISSED_END = re.compile(r"[.!?]\]?[\"”’]\s+[\"“‘]?[A-Z]")


def _own_sentence(view: _DocView, cue: Token) -> tuple[int, int]:
    """Token bounds of the sentence of ``cue``, cut at paragraph breaks and at sentence ends
    the splitter missed ("... the victims.” She went on to say ...")."""
    doc = view.doc
    a, b = view.sents[view.sent_of[cue.i]]
    para = view.para(cue.i)
    while view.para(a) < para:
        a += 1
    while view.para(b - 1) > para:
        b -= 1
    for m in _MISSED_END.finditer(view.text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1])):
        cut = view.token_at(m.end() - 1)
        if cut <= cue.i:
            a = max(a, cut)
        else:
            b = min(b, cut)
            break
    return a, b


def _reported(view: _DocView, quoted: set[int]) -> list[QuoteMention]:
    if not view.parsed:
        return []
    doc = view.doc
    out: list[QuoteMention] = []
    spans: list[tuple[int, int] | None]
    for i in tokens_with(doc, _cue_word, _CUE_WORDS):
        cue = doc[i]
        if not _is_cue(cue) or cue.i in quoted:
            continue
        if cue.lower_ == "according":
            spans = [_according_clause(view, cue)]
        else:
            if any(c.dep_ == "neg" for c in cue.children):
                continue  # "did not say that ..." attributes nothing
            a, b = _own_sentence(view, cue)
            spans = [
                _clause(view, max(a, c.left_edge.i), min(b, c.right_edge.i + 1))
                for c in cue.children
                if c.dep_ == "ccomp"
            ]
        speaker = _speaker_of(cue)
        for sp in spans:
            if sp is None:
                continue
            s, e = sp
            sent = view.sent_of[view.token_at(s)]
            out.append(QuoteMention(view.text[s:e], s, e, "reported", speaker, sent))
    return out


def _according_clause(view: _DocView, cue: Token) -> tuple[int, int] | None:
    """The clause "according to X" is attached to, without the attribution itself."""
    head = cue.head
    a, b = _own_sentence(view, cue)
    if head.i != cue.i:
        a, b = max(a, head.left_edge.i), min(b, head.right_edge.i + 1)
    a, b = _trim_tokens(view, a, b)
    pa, pb = cue.left_edge.i, cue.right_edge.i + 1
    if pa <= a:
        return _clause(view, pb, b)
    if pb >= b:
        return _clause(view, a, pa)
    return _clause(view, a, b)  # attribution in mid-clause: keep the whole clause
