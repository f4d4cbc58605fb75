"""The event coder: lexicon cues plus a few general rules over spaCy's dependency parse.

For each sentence the coder finds cue tokens (:mod:`dyad.coding.lexicon`), reads each cue's
frame (who acts, on whom), applies the general rules (passives, complement chains, light
verbs, coordination, negation, plans and hypotheticals, reported speech) and resolves the
arguments to actors (:mod:`dyad.coding.actors`). It is pure: a parsed Doc and an article in,
events out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dyad.coding.actors import PRONOUNS, ActorResolver
from dyad.coding.grammar import Grammar
from dyad.coding.lexicon import ACTOR_ONLY_SLOTS, Cue, Lexicon
from dyad.coding.ontology import Ontology
from dyad.context.dates import event_date, temporal_status
from dyad.context.locate import Lookup, dateline, event_location
from dyad.context.quotes import QuoteMention, find_quotes
from dyad.nlp import doc_text, tokens_with
from dyad.types import Actor, Event, Location, Quote, Span, event_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["ArticleMemory", "EventCoder"]

_NOMINAL_DEPS = {
    "nsubj",
    "nsubjpass",
    "dobj",
    "pobj",
    "attr",
    "appos",
    "compound",
    "poss",
    "npadvmod",
    "conj",
    "dative",
    "oprd",
}
_VERB_POS = {"VERB", "AUX"}
_SUBJ = {"nsubj", "csubj"}
_NAME_ENTS = {
    "ORG",
    "PERSON",
    "GPE",
    "NORP",
    "FAC",
    "LAW",
    "WORK_OF_ART",
    "PRODUCT",
    "LOC",
    "DATE",
    "TIME",
}
# Prepositions whose object is where something happened, not whom it targets ("in Paris"),
# unlike "on", "at" or "into" ("sanctions on Moscow", "fired at Kyiv").
_PLACE_PREPS = {
    "in",
    "near",
    "around",
    "across",
    "inside",
    "outside",
    "throughout",
    "within",
    "along",
    "off",
}
_US_STATES = re.compile(
    r"\b(Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    r"Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    r"New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    r"Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    r"Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming)\b"
)
_BOTH_SIDES = re.compile(
    r"^(the two|both|both the) (sides|countries|governments|nations|parties|neighbors|"
    r"neighbours|leaders|states)$"
)
# Of these the two sides are states, not any two parties.
_STATE_NOUNS = {
    "countries",
    "governments",
    "nations",
    "neighbors",
    "neighbours",
    "leaders",
    "states",
}
# Closing quotes and brackets after a sentence's last mark.
_CLOSING = {'"', "'", "”", "’", ")", "]"}
# Entity types of sums and times, which name no actor even when a country word is in them
# ("two of the soldiers", a CARDINAL, does: its of-phrase names them).
_AMOUNT_ENTS = {"MONEY", "DATE", "TIME"}
# An article is about a country named at least this often, and this share of its mentions.
HOME_MENTIONS = 3
HOME_SHARE = 2 / 3
_PLACE_KINDS = {"name", "alias", "demonym", "capital", "seat", "place"}
_NON_STATE = {"IGO", "UNO", "EUR", "NGO", "MNC", "IMG", "ISM"}
_PHRASE_CUT = {
    "relcl",
    "acl",
    "advcl",
    "ccomp",
    "conj",
    "cc",
    "mark",
    "dep",
    "parataxis",
    "xcomp",
    "preconj",
    "punct",
}
# Dependants that are never part of a multiword cue: the infinitive marker of "to take"
# is not the preposition of "take to (the streets)".
_NOT_CUE_PARTS = {"aux", "auxpass"}
_COOP_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
# How sure a frame is: base, plus for each argument found, plus for a multiword cue.
_CONF_BASE, _CONF_ACTOR, _CONF_RECIP, _CONF_SPECIFIC = 0.4, 0.25, 0.2, 0.15


#: Dependencies that keep a word in the clause of the verb above it ("agreed *to meet*",
#: "meet *and sign*"): a clause's modals and conditions are found by climbing these.
_CLAUSE_CHAIN = frozenset({"xcomp", "conj", "dobj", "pobj", "pcomp", "prep", "acomp"})


def _clause_nodes(tok: Token, limit: int = 5) -> Iterator[Token]:
    """``tok`` and the words above it while it stays in their clause (at most ``limit``)."""
    node = tok
    for _ in range(limit):
        yield node
        if node.dep_ not in _CLAUSE_CHAIN:
            return
        node = node.head


def _share_country(actor: Actor | None, other: Actor | None) -> Actor | None:
    """An agent with no country ("police", "protesters") facing a domestic agent of a known
    country ("Algerian President X") is taken to be of that country, and says so."""
    if actor is None or actor.code or not actor.sector or other is None or not other.code:
        return actor
    if other.code in _NON_STATE or not other.sector:
        return actor
    return Actor(actor.text, other.code, actor.sector, actor.name, "inferred")


def _of_country(actor: Actor, code: str | None) -> Actor:
    """An agent with no country ("police", "protesters", "President X") taken to be of
    ``code``'s country, and saying so."""
    if actor.code or not actor.sector or code is None:
        return actor
    return Actor(actor.text, code, actor.sector, actor.name, "inferred")


def _content_clause(tok: Token) -> bool:
    """A that-clause giving what a verb or noun says: "demanded *that X leave*", "the demand
    *that X leave*" (the parser makes the second a clause on the noun)."""
    if tok.dep_ == "ccomp":
        return True
    return tok.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)


def _definite(phrase: list[Token]) -> bool:
    """A short definite description: "the spokesperson", "the ministry", "the party"."""
    return phrase[0].lower_ in ("the", "this", "that") and len(phrase) <= 3


def _specificity(cameo: str) -> float:
    """How specific a CAMEO code is: 4 digits beat 3, and "x0" codes are "not specified"."""
    return len(cameo) + (0.0 if cameo.endswith("0") else 0.5)


@dataclass
class ArticleMemory:
    """What the coder remembers across the sentences of one article (people named so far)."""

    text: str = ""
    people: dict[str, Actor] = field(default_factory=dict)
    last_person: Actor | None = None
    countries: set[str] = field(default_factory=set)  # codes named so far, for place names
    dateline: Location | None = None
    home: str | None = None  # the country the article is about, if one clearly is
    us_states: bool = False
    recent: list[Actor] = field(default_factory=list)  # resolved actors, oldest first
    ents: dict[int, list[SpacySpan]] = field(default_factory=dict)  # by sentence start token
    countries_in: dict[int, tuple[str, ...]] = field(default_factory=dict)  # by sentence start
    may_cue: list[int] = field(default_factory=list)  # tokens whose words head a cue


@dataclass
class _Frame:
    """A matched cue on a token, before actors are resolved."""

    tok: Token
    cue: Cue
    used: list[Token]
    cameo: str
    plover: str | None
    mode: str | None
    temporal: str = "current"
    plan: str | None = None
    rule: str = ""
    recip_is_place: bool = False
    actor_toks: list[Token] = field(default_factory=list)
    recip_toks: list[Token] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    suppressed: bool = False


class EventCoder:
    """Codes events in parsed documents. Holds only data loaded once; safe to share."""

    def __init__(
        self,
        lexicon: Lexicon,
        ontology: Ontology,
        grammar: Grammar,
        actors: ActorResolver,
        places: Lookup | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.grammar = grammar
        self.actors = actors
        self.places = places
        self._heads: dict[int, bool] = {}  # string hash -> heads a cue (see tokens_with)

    # -- entry point ------------------------------------------------------------------------
    def code(self, doc: Doc, article_id: str, when: date | None) -> tuple[list[Event], list[Quote]]:
        """Events and quotes of one parsed article. Quotes are attributed sentence by
        sentence, so "she said" finds the person named last before it."""
        mentions: dict[int, list[QuoteMention]] = {}
        for m in find_quotes(doc):
            mentions.setdefault(m.sentence_index, []).append(m)
        quotes: list[Quote] = []

        def attribute(index: int, memory: ArticleMemory) -> None:
            for m in mentions.get(index, []):
                speaker = self._actor(m.speaker, when, memory) if m.speaker is not None else None
                text = None
                if m.speaker is not None:
                    phrase = self._phrase(m.speaker)
                    text = memory.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1].text)]
                quotes.append(
                    Quote(
                        article_id, m.text, m.start, m.end, m.kind, text, speaker, m.sentence_index
                    )
                )

        events = self._code_all(doc, article_id, when, attribute)
        return events, quotes

    def code_doc(self, doc: Doc, article_id: str, when: date | None) -> list[Event]:
        return self.code(doc, article_id, when)[0]

    def _code_all(
        self,
        doc: Doc,
        article_id: str,
        when: date | None,
        after_sentence: Callable[[int, ArticleMemory], None] | None = None,
    ) -> list[Event]:
        text = doc_text(doc)
        memory = ArticleMemory(text=text)
        if self.places is not None:
            memory.dateline = dateline(text, self.places)
            memory.us_states = bool(_US_STATES.search(text))
        events: list[Event] = []
        # Entities by sentence, once: Span.ents walks all of the document's entities.
        by_start = sorted((sent.start, sent.end) for sent in doc.sents)
        starts = [a for a, _ in by_start]
        for ent in doc.ents:
            k = bisect_right(starts, ent.start) - 1
            memory.ents.setdefault(starts[k] if k >= 0 else 0, []).append(ent)
        memory.home = self._home_country(doc, when, memory)
        # Only tokens whose words head a cue are worth a Token object and a full match.
        memory.may_cue = tokens_with(doc, self._heads_cue, self._heads)
        for index, sent in enumerate(doc.sents):
            events.extend(self._code_sentence(sent, index, article_id, when, memory))
            if after_sentence is not None:
                after_sentence(index, memory)
        return events

    def _home_country(self, doc: Doc, when: date | None, memory: ArticleMemory) -> str | None:
        """The country an article is about: its dateline's, else the country that makes up
        most of its country mentions (at least ``HOME_MENTIONS`` and ``HOME_SHARE`` of them).
        "The police", "the government" that no sentence ties to a country are that
        country's."""
        if memory.dateline is not None and memory.dateline.country_code:
            return memory.dateline.country_code
        counts = Counter(
            code
            for ent in doc.ents
            if ent.label_ in ("GPE", "NORP")
            for code in [self._state_named(ent, when)]
            if code is not None
        )
        if not counts:
            return None
        code, n = counts.most_common(1)[0]
        total = sum(counts.values())
        return code if n >= HOME_MENTIONS and n >= HOME_SHARE * total else None

    # -- cue matching -----------------------------------------------------------------------
    def _function(self, tok: Token, depth: int = 0) -> str:
        if tok.dep_ == "conj" and tok.pos_ in _VERB_POS and depth < 8:
            # A conjunct does what its head does: "was arrested and *resigned*" is a verb,
            # "the talks and the *strikes*" (a noun the tagger took for a verb) a noun.
            return self._function(tok.head, depth + 1)
        if tok.pos_ in _VERB_POS and tok.dep_ not in _NOMINAL_DEPS:
            return "VERB"
        if tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in _NOMINAL_DEPS:
            return "NOUN"
        return "VERB" if tok.pos_ in _VERB_POS else "OTHER"

    def _match(self, tok: Token, taken: set[int]) -> tuple[Cue, list[Token]] | None:
        if tok.pos_ == "PROPN" and tok.ent_type_ in _NAME_ENTS:
            return None  # part of a name: "Amnesty International", "Strike Force Inc."
        lemma = tok.lemma_.lower()
        cands = self.lexicon.candidates(lemma)
        if not cands and tok.lower_ != lemma:
            cands = self.lexicon.candidates(tok.lower_)
        if not cands:
            return None
        function = self._function(tok)
        if (
            function == "NOUN"
            and tok.dep_ == "compound"
            and self.actors.agent_sector([tok.head.lemma_.lower()]) is not None
        ):
            return None  # a kind of agent, not an event: "riot police", "aid workers"
        if (
            function == "NOUN"
            and tok.dep_ == "pobj"
            and tok.head.lower_ == "for"
            and tok.head.head.pos_ in ("NOUN", "PROPN")
            and tok.head.head.dep_ not in ("dobj", "pobj")  # "sent envoys for talks" is
            and self.actors.agent_sector([tok.head.head.lemma_.lower()]) is not None
        ):
            return None  # a post, not an event: "the special envoy for Ukraine negotiations"
        for cue in cands:
            if cue.pos == "OBJECT":
                carrier = self._carrier(tok) if function == "NOUN" else None
                if carrier is None or not (
                    {carrier.lemma_.lower(), carrier.lower_} & self.grammar.giving_verbs
                ):
                    continue
            elif cue.pos != function:
                continue
            used = [tok]
            ok = True
            for word in cue.extra:
                if word == "@dobj":
                    # The cue needs an object but does not name it: "returned X to Y", not
                    # "returned to Moscow"; "starved the people", not "are starving".
                    if not self._has_object(tok):
                        ok = False
                        break
                    continue
                # A word may also hang on a preposition of the cue: "take to street".
                near = [
                    *tok.children,
                    *(g for u in used[1:] if u.dep_ == "prep" for g in u.children),
                ]
                kid = next(
                    (
                        c
                        for c in near
                        if (c.lemma_.lower() == word or c.lower_ == word)
                        and c.dep_ not in _NOT_CUE_PARTS
                        and c.i not in taken
                        and c not in used
                        and self._close_enough(c, used)
                    ),
                    None,
                )
                if kid is None:
                    ok = False
                    break
                used.append(kid)
            if ok:
                return cue, used
        return None

    @staticmethod
    def _has_object(tok: Token) -> bool:
        """Does this verb act on something: a direct object, or the subject of its passive
        ("the people *were starved*", "the paintings *were returned* to Italy")?"""
        # (Not a participle on a noun: the parser reads "pressure *returned* to the pipes" or
        # "children *starved* during the siege" so as well.)
        return any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)

    @staticmethod
    def _close_enough(kid: Token, used: list[Token]) -> bool:
        """A particle or preposition belongs to the cue only right after it ("call for",
        "crack down on"), not as a distant modifier ("given ... in respect to")."""
        if kid.dep_ not in ("prep", "prt", "agent"):
            return True
        if any(g.ent_type_ in ("DATE", "TIME") for g in kid.children):
            return False  # "began a hunger strike on Monday" is not "strike on"
        # Or right after the object: "attacked *the media* for maintaining ...", "forced the
        # workers out"; not "in", which after an object says where or why ("gave households a
        # voucher *in* a bid to ..." is not "give in").
        end = max(u.i for u in used)
        if kid.lower_ != "in":
            for obj in used[0].children:
                if obj.dep_ == "dobj" and obj.i > used[0].i:
                    end = max(end, obj.right_edge.i)
        return used[0].i < kid.i <= end + 2

    def _heads_cue(self, word: str) -> bool:
        return bool(self.lexicon.candidates(word))

    def _find_frames(self, sent: SpacySpan, may_cue: list[int]) -> list[_Frame]:
        frames: list[_Frame] = []
        taken: set[int] = set()
        doc = sent.doc
        # Multiword cues first, so "hold talks" claims "talks" before the noun cue does.
        matches: list[tuple[Token, Cue, list[Token]]] = []
        lo = bisect_left(may_cue, sent.start)
        hi = bisect_left(may_cue, sent.end, lo)
        for i in may_cue[lo:hi]:
            tok = doc[i]
            m = self._match(tok, set())
            if m:
                matches.append((tok, m[0], m[1]))
        matches.sort(key=lambda m: -len(m[2]))
        by_head = {tok.i: cue for tok, cue, _ in matches}
        for tok, cue, used in matches:
            if any(u.i in taken for u in used):
                continue
            taken.update(u.i for u in used)
            # "sent humanitarian aid": the verb frame, with the code of the more specific
            # noun cue it contains when both are of one CAMEO root (073 beats 070).
            chosen = cue
            for u in used[1:]:
                inner = by_head.get(u.i)
                if (
                    inner is not None
                    and inner.cameo[:2] == chosen.cameo[:2]
                    and _specificity(inner.cameo) > _specificity(chosen.cameo)
                ):
                    chosen = inner
            frames.append(
                _Frame(
                    tok=tok,
                    cue=cue,
                    used=used,
                    cameo=chosen.cameo,
                    plover=chosen.plover,
                    mode=chosen.mode or cue.mode,
                    rule=chosen.id,
                )
            )
        frames.sort(key=lambda f: f.tok.i)
        return frames

    # -- argument slots ---------------------------------------------------------------------
    @staticmethod
    def _pobj(tok: Token, prep: str) -> Token | None:
        for c in tok.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
                for g in c.children:
                    # "on Tuesday", "in March" say when, not to whom.
                    if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME"):
                        return g
                if not any(g.dep_ in ("pobj", "pcomp") for g in c.children):
                    return EventCoder._stranded_object(c)
        return None

    @staticmethod
    def _stranded_object(prep: Token) -> Token | None:
        """The object of a preposition the parser left without one: shared with a
        coordinated phrase ("ties *with* and an embassy in Tehran"), or taken as the subject
        of a clause that follows it ("asylum *to* five officers holed up in ...", with "holed"
        read as a past tense): no clause's subject can follow a preposition."""
        doc = prep.doc
        if prep.i + 1 >= len(doc):
            return None
        nxt = doc[prep.i + 1]
        if nxt.dep_ == "cc" and nxt.lower_ in ("and", "or"):
            conj = next((c for c in nxt.head.children if c.dep_ == "conj" and c.i > nxt.i), None)
            if conj is None:
                return None
            objs = [t for t in conj.subtree if t.dep_ == "pobj" and t.ent_type_ != "DATE"]
            return objs[0] if len(objs) == 1 else None
        head = nxt if nxt.dep_ in ("nsubj", "nsubjpass") else nxt.head
        if (
            head.dep_ in ("nsubj", "nsubjpass")
            and head.left_edge.i == prep.i + 1
            and head.head.dep_ in ("advcl", "acl", "relcl", "ccomp")
        ):
            return head
        return None

    def _slot(self, frame: _Frame, slot: str, passive: bool) -> Token | None:
        hosts = [frame.tok, *frame.used[1:]]
        hosts += [
            c
            for c in frame.tok.children
            if c.dep_ in ("advmod", "acomp", "dobj") and c not in hosts
        ]
        # The object of a verb the cue includes: "refused to lift the curfew *on* X".
        hosts += [
            c for u in frame.used[1:] for c in u.children if c.dep_ == "dobj" and c not in hosts
        ]
        if frame.cue.pos != "VERB":
            carrier = self._carrier(frame.tok)
            if carrier is not None:
                hosts.append(carrier)
        if slot == "none":
            return None
        if slot.startswith("xcomp>"):
            # A slot of the action the cue governs: "refused to recognise *Kosovo*".
            inner = slot.removeprefix("xcomp>")
            for c in frame.tok.children:
                if c.dep_ == "xcomp" and c.pos_ in _VERB_POS and c not in frame.used:
                    if inner == "dobj":
                        return next((x for x in c.children if x.dep_ == "dobj"), None)
                    return self._pobj(c, inner.partition(":")[2])
            return None
        if slot == "cond-subj":
            return self._condition_subject(frame.tok)
        if slot == "carrier-subjpass":
            held = self._grounds_verb(frame.tok)
            if held is not None and not self._is_passive(held):
                # "jailed 52 members *on allegations* of treason": the ones held.
                return next((c for c in held.children if c.dep_ == "dobj"), None)
            carrier = held or self._carrier(frame.tok)
            if carrier is None or carrier.i == frame.tok.i or not self._is_passive(carrier):
                return None
            return next(
                (
                    c
                    for c in carrier.children
                    if c.dep_ == "nsubjpass" and not any(t.i == frame.tok.i for t in c.subtree)
                ),
                None,
            )
        if slot == "dobj":
            deps = ("nsubjpass",) if passive else ("dobj",)
            for c in frame.tok.children:
                if c.dep_ in deps and c not in frame.used:
                    return c
            if passive and frame.tok.dep_ == "conj":
                # "was shot and *killed*": the one the shared passive is about.
                shared = next((c for c in frame.tok.head.children if c.dep_ == "nsubjpass"), None)
                if shared is not None:
                    return shared
            if frame.cue.pos != "VERB":
                # "Britain provided *Ukraine* with tanks": the carrier's other object.
                carrier = self._carrier(frame.tok)
                if carrier is not None:
                    for c in carrier.children:
                        if (
                            c.dep_ in ("dobj", "dative")
                            and c.i != frame.tok.i
                            and not any(a.i == frame.tok.i for a in c.subtree)
                        ):
                            return c
                return None
            # The object of a verb the cue includes: "threatened to ban *candidates*".
            for u in frame.used[1:]:
                for c in u.children:
                    if c.dep_ == "dobj" and c not in frame.used:
                        return c
            # The cue's own object may still name the target: "rejected an *Indian* proposal".
            return next((c for c in frame.tok.children if c.dep_ in deps), None)
        if slot == "dative":
            return next(
                (c for c in frame.tok.children if c.dep_ == "dative" and c.pos_ != "ADP"), None
            )
        if slot == "ccomp-subj":
            # "demanded that the US cancel the sale", "its demand that Israel ease ...": the
            # one asked is the clause's subject.
            for c in frame.tok.children:
                if _content_clause(c):
                    return next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            # "repeated its demand today that Israel ease ...": the parser hangs the noun's
            # that-clause on the verb whose object the noun is.
            noun = frame.tok
            if noun.pos_ == "NOUN" and noun.dep_ == "dobj":
                for c in noun.head.children:
                    if (
                        c.dep_ == "ccomp"
                        and c.i > noun.i
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    ):
                        return next(
                            (x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None
                        )
            return None
        if slot == "compound":
            return next((c for c in frame.tok.children if c.dep_ == "compound"), None)
        if slot == "poss":
            return next((c for c in frame.tok.children if c.dep_ == "poss"), None)
        _, _, prep = slot.partition(":")
        for host in hosts:
            found = self._pobj(host, prep)
            if found is not None:
                return found
        return None

    def _condition_subject(self, tok: Token) -> Token | None:
        """The subject of a condition set on ``tok`` or on the action it governs: "threatened
        to quit the talks *if the United States* deploys missiles" -> the United States."""
        marks = self.grammar.conditional_marks
        node: Token | None = tok
        for _ in range(3):
            if node is None:
                break
            for c in node.children:
                if c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in marks for m in c.children
                ):
                    subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                    # "if it refuses": a pronoun is better read by the cue's own slots.
                    return subj if subj is not None and subj.pos_ != "PRON" else None
            node = next((c for c in node.children if c.dep_ == "xcomp"), None)
        return None

    @staticmethod
    def _is_passive(tok: Token) -> bool:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            return True
        # "was shot *and killed*", "was arrested *and charged*": a bare participle joined to a
        # passive shares its auxiliary (not "was indicted and *will resign*", nor "... and
        # *has resigned*").
        return (
            tok.dep_ == "conj"
            and tok.tag_ == "VBN"
            and not any(c.dep_ in ("aux", "nsubj", "expl") for c in tok.children)
            and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children)
        )

    def _subject(self, tok: Token, depth: int = 0) -> Token | None:
        """The subject of a verb, following xcomp/conj/relcl up to the clause that has one."""
        if self._is_passive(tok):
            by = self._pobj(tok, "by")
            if by is not None:
                return by
            head = tok.head
            if tok.dep_ == "ccomp" and not self._is_passive(head):
                # "X has been accused of ..., much of it believed embezzled, *by* Haitian
                # officials": the parser hangs the agent on the active verb above.
                by = next(
                    (
                        g
                        for c in head.children
                        if c.dep_ == "prep" and c.lower_ == "by" and c.i > tok.i
                        for g in c.children
                        if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
                    ),
                    None,
                )
                if by is not None:
                    return by
            if tok.lemma_.lower() in ("quote", "cite"):
                # "X was quoted as saying": X says it.
                return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if tok.dep_ != "conj":
                return None
        for c in tok.children:
            if c.dep_ in _SUBJ:
                if c.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                    return tok.head
                return c
        if depth > 3:
            return None
        if tok.dep_ == "xcomp":
            head = tok.head
            # Object control: "urged Japan to withdraw" -> Japan withdraws.
            obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and head.lemma_.lower() not in self.grammar.planning_verbs:
                return obj
            return self._subject(head, depth + 1)
        if tok.dep_ == "conj" and tok.head.pos_ in _VERB_POS:
            head = tok.head
            if self._is_passive(head) and not self._is_passive(tok):
                # "X has been indicted by the court and will resign": the conjuncts share
                # their grammatical subject, X, not the passive's agent.
                shared = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                if shared is not None:
                    return shared
            return self._subject(head, depth + 1)
        if tok.dep_ in ("acomp", "xcomp") and tok.pos_ == "ADJ":
            # "France is ready to contribute": the subject of "is".
            return self._subject(tok.head, depth + 1)
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            # "issued a declaration demanding ...": the declaration's issuer demands.
            noun = tok.head
            if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in _VERB_POS:
                return self._subject(noun.head, depth + 1)
            return None
        if (
            tok.dep_ == "advcl"
            and tok.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            # A purpose clause: "police fired tear gas *to disperse* the crowd" -> the police.
            return self._subject(tok.head, depth + 1)
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ == "for":
            blamed = self._blamed(tok.head.head)
            if blamed is not None:
                return blamed
        if tok.dep_ in ("advcl", "pcomp") and tok.tag_ in ("VBG", "VBN"):
            head = tok.head if tok.dep_ == "advcl" else tok.head.head
            return self._subject(head, depth + 1)
        root = tok.sent.root
        if (
            tok.dep_ == "acl"
            and root.pos_ in ("NOUN", "PROPN")
            and root.i < tok.i
            and any(c.dep_ in ("dobj", "conj") for c in tok.children)
            and not any(t.pos_ in _VERB_POS and t.dep_ == "ROOT" for t in tok.sent)
        ):
            # A sentence with no main verb: the parser read it as a modifier ("Doctors from
            # two aid groups *donated* and delivered goods to ..."); the root noun acts.
            return root
        return None

    def _blamed(self, gov: Token) -> Token | None:
        """Who is praised, blamed or punished *for* doing something: "criticised Uganda for
        arresting", "was jailed for protesting", "angry with the government for banning",
        "up in arms against the UN chief for asking". That one did it, not the subject."""
        if self._is_passive(gov):
            return next((c for c in gov.children if c.dep_ == "nsubjpass"), None)
        obj = next((c for c in gov.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and self._people(obj):  # not "spent Mothers Day in prison for ..."
            return obj
        # The target of an attitude, also one phrase down ("up in arms against X").
        for c in gov.children:
            for prep in (c, *(p for o in c.children if o.dep_ == "pobj" for p in o.children)):
                if prep.dep_ == "prep" and prep.lower_ in self.grammar.blame_preps:
                    found = next((o for o in prep.children if o.dep_ == "pobj"), None)
                    if found is not None:
                        return found
        return None

    def _carrier(self, tok: Token) -> Token | None:
        """The light or planning verb that carries an event noun: "China *held* talks",
        "the UN will *provide* 25,000 tons of food aid", "Japan *is arranging* talks"."""
        node = tok
        # Climb measure and container nouns: "tons of aid", "a wave of arrests".
        if (
            node.dep_ == "pobj"
            and node.head.lower_ in ("of", "in")
            and node.head.head.pos_ in ("NOUN", "NUM", "PROPN")
        ):
            node = node.head.head
        while node.dep_ == "conj" and node.head.pos_ in ("NOUN", "PROPN"):
            node = node.head
        if node.dep_ not in ("dobj", "attr", "pobj", "nsubjpass"):
            return None
        verb = node.head.head if node.dep_ == "pobj" else node.head
        if verb.pos_ not in _VERB_POS:
            return None
        words = {verb.lemma_.lower(), verb.lower_}
        g = self.grammar
        if node.dep_ == "pobj" and node.head.lower_ not in g.carrier_preps:
            # "expressed condolences *after* the attack", "flew *above* the rally": the
            # event is when or where, not what the subject does.
            return None
        if words & g.light_verbs or words & g.planning_verbs:
            return verb
        return None

    def _noun_actor(self, tok: Token) -> Token | None:
        """Who carries out an event noun: "China's warning", "Chinese patrols", "attacks by
        rebels", or the subject of the verb that carries it ("China held talks")."""
        for c in tok.children:
            if c.dep_ == "poss":
                return c
        by = self._pobj(tok, "by") or self._pobj(tok, "from")
        if by is not None:
            return by
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and self._resolves(c):
                return c
        carrier = self._carrier(tok) or self._grounds_verb(tok)
        if carrier is not None:
            if self._is_passive(carrier):
                return self._pobj(carrier, "by")
            return self._subject(carrier)
        return self._custodian(tok)

    def _custodian(self, tok: Token) -> Token | None:
        """Who holds the victim of an event noun the clause sets "in X custody": "died of
        *torture* while in Israeli police custody" -> Israeli police."""
        node = tok
        for _ in range(6):
            if node.pos_ in _VERB_POS or node.head.i == node.i:
                break
            node = node.head
        if node.pos_ not in _VERB_POS:
            return None
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "under"):
                continue
            for obj in prep.children:
                if (
                    obj.dep_ == "pobj"
                    and obj.lemma_.lower() in self.grammar.custody_nouns
                    and any(c.dep_ in ("amod", "compound", "poss") for c in obj.children)
                ):
                    return obj
        return None

    def _grounds_verb(self, tok: Token) -> Token | None:
        """The verb of arrest or punishment whose grounds an event noun gives: "Nigeria jailed
        the editors *on charges* of sedition" (the jailer makes the charge)."""
        head = tok.head
        if tok.dep_ != "pobj" or head.dep_ != "prep" or head.lower_ != "on":
            return None
        verb = head.head
        if verb.pos_ not in _VERB_POS or verb.lemma_.lower() not in self.grammar.grounds_verbs:
            return None
        return verb

    def _resolves(self, tok: Token) -> bool:
        words = [t.text for t in tok.subtree]
        return bool(self.actors.matches(words))

    # -- rules ------------------------------------------------------------------------------
    def _negated(self, tok: Token) -> bool:
        carrier = self._carrier(tok) if tok.pos_ in ("NOUN", "PROPN") else None
        if carrier is not None and any(c.dep_ == "neg" for c in carrier.children):
            return True  # "Germany did not provide tanks"
        return self._negated_here(tok)

    def _negated_here(self, tok: Token) -> bool:
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in tok.children):
            return True
        if tok.dep_ in ("dobj", "pobj") and any(
            c.lower_ == "no" and c.dep_ == "det" for c in tok.children
        ):
            return True
        # "did not agree to meet": the negation sits on the governing verb.
        head = tok.head
        return tok.dep_ in ("xcomp",) and any(c.dep_ == "neg" for c in head.children)

    def _no_event(self, f: _Frame, actor: Token | None, passive: bool) -> bool:
        """Whether a matched cue mentions no act at all: a plot or a lack of it, a mishap, a
        word in another sense (grammar unrealised_nouns, mishap_nouns, person_object_cues,
        sense_exclusions)."""
        g = self.grammar
        tok = f.tok
        # "a plot to kill the mayor", "the absence of talks": the act did not happen.
        node = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
        if (
            node.dep_ in ("prep", "acl", "xcomp", "relcl")
            and node.head.pos_ == "NOUN"
            and node.head.lemma_.lower() in g.unrealised_nouns
        ):
            return True
        # (The parser often hangs the infinitive on the verb: "foiled a plot | to kill".)
        to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is not None and to.i > 0:
            before = to.doc[to.i - 1]
            if before.pos_ == "NOUN" and before.lemma_.lower() in g.unrealised_nouns:
                return True
        # "a car crash killed three", "were killed in a fire": no one's act.
        if actor is not None and actor.tag_ == "WDT" and actor.head.dep_ == "relcl":
            actor = actor.head.head  # "an earthquake *that* struck the south"
        if actor is not None and self._mishap(actor):
            return True
        if f.plover == "ASSAULT" and any(
            (
                c.dep_ in ("prep", "agent")
                and any(self._mishap(o) for o in c.children if o.dep_ == "pobj")
            )
            # "were killed when a bomber crashed": the deaths come of the mishap told beside
            # (a when- or as-clause; "before the jet crashed" only dates the act).
            or (
                c.dep_ == "advcl"
                and c.pos_ == "VERB"
                and c.lemma_.lower() in g.mishap_verbs
                and any(m.dep_ == "advmod" and m.lower_ in ("when", "as") for m in c.children)
            )
            for c in tok.children
        ):
            return True
        if (
            f.plover == "ASSAULT"
            and tok.dep_ == "advcl"
            and tok.head.pos_ == "VERB"
            and tok.head.lemma_.lower() in g.mishap_verbs
        ):
            return True  # "a plane crashed, killing six"
        if (f.plover or "").lower() in g.abstract_subject_types and self._abstract_agent(f, actor):
            return True  # "his views clashed with the party line"
        if f.plover == "ASSAULT" and self._abstract_target(f, passive):
            # "fought corruption" is no event; "attacked the decision" is criticism.
            verbal = g.verbal_attack_codes.get(f.cue.id)
            if verbal is None:
                return True
            f.cameo, f.plover, f.mode = verbal, self.ontology[verbal].plover, None
        cue_id = f.cue.id
        acted_on = [
            c
            for c in tok.children
            if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and passive)
        ] + [
            o
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in c.children
            if o.dep_ == "pobj"
        ]
        if f.cue.pos == "VERB" and tok.dep_ == "acl" and tok.tag_ == "VBN":
            acted_on.append(tok.head)  # "a report released on Monday"
        excluded = g.sense_exclusions.get(cue_id)
        if excluded:
            # ("Stocks rallied": the subject too.)
            words = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")] + acted_on
            if actor is not None and not passive:
                words.append(actor)
            if any(w.lemma_.lower() in excluded or w.lower_ in excluded for w in words):
                return True
        if cue_id in g.act_complement_cues and not self._asks_for_act(tok):
            return True
        if cue_id in g.person_object_cues and acted_on:
            return not any(self._people(o) for o in acted_on)
        return False

    def _abstract_agent(self, f: _Frame, actor: Token | None) -> bool:
        """Is the one said to use force an abstract thing (grammar abstract_subjects): "his
        *politics* clashed with ...", "an *audit* prohibiting him from ...", "a *culture*
        clash", "clashes between his *views* and ..."? Then the cue is figurative."""
        tok = f.tok
        words: list[Token] = []
        if actor is not None:
            words.append(actor)
        elif tok.dep_ == "acl" and tok.tag_ == "VBG":
            words.append(tok.head)  # "an audit *prohibiting* him": the noun it describes
        if f.cue.pos != "VERB":
            words += [c for c in tok.children if c.dep_ == "compound"]
            words += [
                o
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "between"
                for o in c.children
                if o.dep_ == "pobj"
            ]
        abstract = self.grammar.abstract_subjects
        return any(
            w.pos_ == "NOUN" and (w.lemma_.lower() in abstract or w.lower_ in abstract)
            for w in words
        )

    def _abstract_target(self, f: _Frame, passive: bool) -> bool:
        """Is what violence is done to an idea, a measure, a social ill or a disaster (grammar
        abstract_targets, mishap_nouns): "attacked the *decision*", "killed the *bill*",
        "fought *corruption*", "the fight against *poverty*"?"""
        tok = f.tok
        preps: tuple[str, ...]
        if f.cue.pos == "VERB":
            deps = ("nsubjpass",) if passive else ("dobj",)
            # (Not a word of the cue itself: "opened *fire*".)
            objs = [c for c in tok.children if c.dep_ in deps and c not in f.used]
            preps = ("against",)
        else:
            objs = []
            preps = ("against", "on")
        objs += [
            o
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in preps
            for o in c.children
            if o.dep_ == "pobj"
        ]
        g = self.grammar
        return any(
            o.pos_ == "NOUN"
            and bool({o.lemma_.lower(), o.lower_} & (g.abstract_targets | g.mishap_nouns))
            for o in objs
        )

    def _lacks_counterpart(self, f: _Frame, when: date | None, memory: ArticleMemory) -> bool:
        """A consultation cue (grammar counterpart_cues) with no one consulted: one party
        talking about a topic ("Merkel discusses her childhood"), not talks between parties
        ("X and Y discussed trade", "the ministers discussed", "the cabinet discussed",
        "called Lavrov *to discuss* Syria")."""
        g = self.grammar
        if f.cue.id not in g.counterpart_cues or f.recip_toks or len(f.actor_toks) != 1:
            return False
        subj = f.actor_toks[0]
        if {subj.lemma_.lower(), subj.lower_} & g.assembly_nouns:
            return False
        if subj.pos_ == "PRON" and "Plur" in subj.morph.get("Number", []):
            return False  # "they discussed": the parties named before
        tok = f.tok
        # The purpose or sequel of a call, a visit or talks held with someone: "called Lavrov
        # *to discuss* Syria", "held talks with Karzai *and discussed* the peace deal".
        others = [c for c in tok.head.children if c.i != tok.i]
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and any(
            c.dep_ in ("dobj", "dative", "prep") for c in others
        ):
            return False
        if tok.dep_ == "conj" and any(
            c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "with")
            for c in others
        ):
            return False
        # Trying the subject must not count as naming it: remember what the memory held.
        recent, countries = len(memory.recent), set(memory.countries)
        actors = self._actors(f.actor_toks, when, memory)
        del memory.recent[recent:]
        memory.countries = countries
        if len(actors) > 1:
            return False  # "both sides", "U.S. and Russian negotiators"
        plural = subj.tag_ in ("NNS", "NNPS")
        # "The ministers discussed the crisis": officials among themselves (not "people").
        return not (
            plural and any(a.sector and a.sector.lower() not in g.private_sectors for a in actors)
        )

    def _states_fact(self, tok: Token) -> bool:
        """Is what this verb of agreement takes only a that-clause stating a fact ("agreed
        that vaccines have saved lives", "agreed the book may have held secrets") or only
        whom or what it sides with ("agrees *with* the decision"), not an act agreed on
        ("agreed to meet", "agreed on a ceasefire", "agreed that troops should withdraw",
        "that talks be held")? (A bare "Russia agreed" may accept a proposal.)"""
        g = self.grammar
        modals = g.future_aux | g.hypothetical_aux | g.deontic_aux
        clauses: list[Token] = []
        for c in tok.children:
            infinitive = c.dep_ == "advcl" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children
            )
            if (
                c.dep_ in ("xcomp", "dobj")
                or infinitive
                or (c.dep_ == "prep" and c.lower_ in ("to", "on", "upon", "over"))
            ):
                return False  # an act or a thing agreed on: "agreed with X *to open* ..."
            if c.dep_ == "ccomp":
                clauses.append(c)
                clauses.extend(x for x in c.conjuncts if x.i > c.i)
        if not clauses:
            # ("*With* the cabinet's approval, X agreed" is no one sided with.)
            return any(
                c.dep_ == "prep" and c.lower_ == "with" and c.i > tok.i for c in tok.children
            )
        for c in clauses:
            aux = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
            # (A modal of the perfect judges the past: "may *have* contained".)
            if (aux & modals and "have" not in aux) or "going" in aux:
                return False
            bare = c.tag_ == "VB" or any(a.dep_ == "auxpass" and a.tag_ == "VB" for a in c.children)
            if bare and not aux - {"be"}:
                return False  # a subjunctive: "agreed that troops *leave*", "that talks *be* held"
            if any(
                x.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
                for y in (c, *[k for k in c.children if k.dep_ == "acomp"])
                for x in y.children
            ):
                return False  # "that the talks are to resume", "that it is vital to act"
        return True

    @staticmethod
    def _asks_for_act(tok: Token) -> bool:
        """Does this verb of asking ask for an act (an infinitive, a that-clause, "for")
        rather than put a question ("asked why", "asked whether", "asked: 'Do we ...?'")?"""
        if any(c.dep_ == "punct" and c.text == "?" for c in tok.children):
            return False  # a quoted question, however the parser hangs its words
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                return True
            infinitive = any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            if c.dep_ == "xcomp" or (c.dep_ == "advcl" and infinitive):
                return True
            if c.dep_ == "ccomp":
                marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
                if "that" in marks:
                    return True
                question = (
                    marks & {"if", "whether"}
                    or any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in c.subtree)
                    or any(t.text == "?" for t in c.subtree)
                )
                if not question:
                    return True
        return False

    def _mishap(self, tok: Token) -> bool:
        """An accident, disaster or disease named by this noun or its compound ("car crash")."""
        words = {tok.lemma_.lower(), tok.lower_}
        # (A name is not a mishap: "Rogaland Fire and Rescue" is a fire brigade.)
        named = tok.ent_type_ in ("ORG", "FAC", "GPE", "PERSON", "NORP")
        return (
            tok.pos_ in ("NOUN", "PROPN") and not named and bool(words & self.grammar.mishap_nouns)
        )

    def _people(self, tok: Token) -> bool:
        """Does this noun phrase name people: a person, a pronoun or noun of people, or an
        actor the text resolves?"""
        if tok.ent_type_ in ("PERSON", "NORP") or tok.lemma_.lower() in self.grammar.people_nouns:
            return True
        if tok.lower_ in self.grammar.people_nouns:
            return True
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and any(lemma.endswith(x) for x in self.grammar.people_suffixes):
            return True  # "two homeguards", "the detainees"
        # "released two of the hostages", "freed dozens of activists"
        for c in tok.children:
            if (
                c.dep_ == "prep"
                and c.lower_ == "of"
                and any(o.dep_ == "pobj" and self._people(o) for o in c.children)
            ):
                return True
        # The noun with its own modifiers, not its possessor or attachments: "Ukraine's
        # report" names a state but releases no one.
        words = [t.text for t in tok.lefts if t.dep_ in ("compound", "amod", "nummod", "det")] + [
            tok.text
        ]
        return bool(self.actors.matches(words))

    def _reported(self, node: Token) -> bool:
        """Is this clause the content of a speech verb ("Iraq said it would allow ...")?"""
        return node.dep_ in ("ccomp", "parataxis") and bool(
            self.lexicon.candidates(node.head.lemma_.lower())
            and any(
                c.cameo[:2] in self.grammar.reporting_roots
                for c in self.lexicon.candidates(node.head.lemma_.lower())
            )
        )

    def _modality(self, tok: Token) -> str:
        """``current``, ``planned`` or ``hypothetical``, from auxiliaries, conditionals,
        planning verbs and adjectives of readiness on the clauses above the cue; acts spoken
        of but not done (near misses, counterfactuals, prevented or cancelled acts, mere
        prospects) are ``hypothetical``."""
        g = self.grammar
        if self._prospect(tok) or self._called_off(tok) or self._yes_no_question(tok):
            return "hypothetical"
        # aside: the cue is only a participant of the clause climbed to (hangs on it by a
        # preposition, or is what its verb acts on), not its act.
        node, aside = tok, False
        for _ in range(5):
            aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
            conditional = node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in g.conditional_marks for c in node.children
            )
            if conditional:
                return "hypothetical"
            # "We will cut ties if ...": the consequence of a condition has not happened.
            has_condition = any(
                c.dep_ == "advcl" and any(m.lower_ in g.conditional_marks for m in c.children)
                for c in node.children
            )
            head = node.head
            # "should have surrendered", "ought to have apologized": it did not happen.
            modals = aux | ({head.lower_} if node.dep_ == "xcomp" else set())
            if "have" in aux and modals & g.counterfactual_aux:
                return "hypothetical"
            if self._near_miss(node):
                return "hypothetical"
            # (Only for the act itself or what it is part of, "postponed the second round
            # *of* talks", not for a noun it hangs on: "averted a clash *over* the claims".)
            prevented = None if aside else self._prevented(node)
            if prevented is not None:
                # "averted a strike"; but "failed to prevent the attack": it happened.
                return "hypothetical" if prevented else "current"
            if aux & g.hypothetical_aux:
                # "would like to meet" is a wish to act: an intent, not a hypothesis.
                if node.lemma_.lower() in ("like", "love", "want") and not has_condition:
                    return "planned"
                # "would" in reported speech is the future seen from the past.
                if "would" in aux and self._reported(node) and not has_condition:
                    return "planned"
                return "hypothetical"
            if aux & g.future_aux or ("going" in aux and node.tag_ == "VB"):
                return "hypothetical" if has_condition else "planned"
            head_words = {head.lemma_.lower(), head.lower_}
            # (The parser may read "vowed to fight" as a purpose clause: a to-infinitive on a
            # planning verb is what is planned all the same; so is one on a noun, which the
            # parser may hang as a relative clause: "plans to invade", "a bill to allow". Not
            # what hangs on that by a preposition: "plans to boycott the games in protest
            # against *the imprisonment* of X".)
            on_noun = node.dep_ in ("acl", "relcl") and not aside
            infinitive = (node.dep_ == "advcl" or on_noun) and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children
            )
            if (node.dep_ in ("xcomp", "dobj") or infinitive) and head_words & g.planning_verbs:
                return "planned"
            if node.dep_ == "xcomp" and head.pos_ == "ADJ" and head_words & g.ready_adjectives:
                return "planned"
            if node.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in g.permission_verbs:
                # What is allowed is done only if the permission is given.
                return "current" if self._modality(head) == "current" else "hypothetical"
            if node.dep_ not in _CLAUSE_CHAIN and not (on_noun and infinitive):
                break
            if node.dep_ == "prep" and node.lower_ in g.background_preps:
                break  # "will meet China over *the attack*": the attack is not planned
            # (What a verb other than a light one acts on is not its act: "failed to mention
            # *his request*" does not say the request was not made.)
            aside = aside or (
                (node.dep_ == "prep" and node.lower_ != "of")
                or (node.dep_ == "dobj" and head.lemma_.lower() not in g.light_verbs)
            )
            node = head
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.lemma_.lower() in g.planned_modifiers:
                return "planned"
        return "current"

    def _near_miss(self, node: Token) -> bool:
        """ "*almost* shot", "*nearly* clashed", "*stopped short of* imposing sanctions": the
        act came close but did not happen (grammar near_miss_adverbs, near_miss_phrases)."""
        g = self.grammar
        if (
            node.pos_ in _VERB_POS
            and any(
                c.dep_ == "advmod"
                and c.lower_ in g.near_miss_adverbs
                # Right before the verb ("had *almost* been killed"), not before a number the
                # parser hung on it ("*nearly* 40 people were killed").
                and c.i < node.i
                and all(t.dep_ in ("aux", "auxpass", "neg") for t in node.doc[c.i + 1 : node.i])
                for c in node.children
            )
        ):
            return True
        prep = node.head
        if node.dep_ not in ("pobj", "pcomp") or prep.dep_ != "prep":
            return False
        # ("stopped short | of imposing": the parser hangs the preposition on the verb or on
        # the adverb.)
        adverbs = (
            [prep.head]
            if prep.head.dep_ in ("advmod", "acomp")
            else [c for c in prep.head.children if c.dep_ in ("advmod", "acomp")]
        )
        return any(
            f"{a.head.lemma_.lower()} {a.lower_} {prep.lower_}" in g.near_miss_phrases
            for a in adverbs
        )

    def _called_off(self, tok: Token) -> bool:
        """Is this event noun called off by its own modifiers: "the *postponed* summit", "the
        summit, *which was postponed*" (grammar unrealised_modifiers, prevention_verbs)?"""
        for c in tok.children:
            if c.dep_ in ("amod", "acl") and c.lower_ in self.grammar.unrealised_modifiers:
                return True
            if c.dep_ == "relcl" and any(
                x.dep_ == "nsubjpass" and x.tag_ == "WDT" and self._prevented(x) for x in c.children
            ):
                return True
        return False

    def _prevented(self, node: Token) -> bool | None:
        """Whether ``node`` is an act that a word of prevention governs (grammar
        prevention_verbs: its object, passive subject, infinitive or "of" object: "averted *a
        strike*", "the execution *was stayed*", "failed *to reach* a deal", "the cancellation
        *of* the talks"; or, with hindering_verbs too, its "from" complement: "stopped them
        *from marching*"). ``False`` when that word is negated or itself fails, so that the
        act happened ("did not prevent the attack", "failed to prevent the attack"); ``None``
        when no such word governs it."""
        g = self.grammar
        head = node.head
        words = g.prevention_verbs
        if node.dep_ in ("pobj", "pcomp") and head.lower_ == "from" and head.dep_ == "prep":
            head, words = head.head, g.prevention_verbs | g.hindering_verbs
        elif not (
            node.dep_ in ("dobj", "nsubjpass", "xcomp")
            or (node.dep_ == "prep" and node.lower_ == "of")
        ):
            return None
        lemma = head.lemma_.lower()
        particles = {f"{lemma} {c.lower_}" for c in head.children if c.dep_ == "prt"}
        if not ({lemma} | particles) & words:  # ("called off" is "call off")
            return None
        if self._negated_here(head):
            return False
        return not (head.dep_ == "xcomp" and head.head.lemma_.lower() in g.prevention_verbs)

    def _prospect(self, tok: Token) -> bool:
        """Is ``tok`` an act only spoken of as possible, feared, needed or wished for: in the
        "of", "for" or "about" object, infinitive or content clause of a word of grammar
        modal_nouns ("the possibility of sanctions", "the need to negotiate", "I dream of the
        day when they sign a treaty")? Not when a planning verb takes that word ("considering
        the possibility of sending troops" is a plan)."""
        g = self.grammar
        node = tok
        for _ in range(8):
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ == "prep" and node.lower_ in ("of", "for", "about"):
                if head.lemma_.lower() in g.modal_nouns:
                    break
                if head.pos_ not in ("NOUN", "PRON"):
                    return False  # (through a noun: "some kind *of*", "the day *of*")
            elif node.dep_ in ("acl", "ccomp", "xcomp") and head.pos_ == "NOUN":
                if head.lemma_.lower() not in g.modal_nouns:
                    return False
                break
            elif node.dep_ == "relcl":
                # "the day *when* they sign": the clause tells what the day is.
                if not any(c.tag_ == "WRB" for c in node.children):
                    return False
            elif node.dep_ not in ("pobj", "pcomp", "conj", "compound"):
                return False
            node = head
        else:
            return False
        return not (head.dep_ == "dobj" and head.head.lemma_.lower() in g.planning_verbs)

    def _yes_no_question(self, tok: Token) -> bool:
        """Is ``tok`` in a yes/no question ("Did the federation support you?")?"""
        sent = tok.sent
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not words or words[0].lower_ not in self.grammar.yes_no_openers:
            return False
        last = next((t for t in reversed(sent) if not t.is_space and t.text not in _CLOSING), None)
        return last is not None and last.text == "?"

    def _ultimatum(self, f: _Frame) -> bool:
        """ "X will withdraw its force unless Y ...": an act announced on such a condition is
        a threat (an ultimatum) aimed at the condition's subject. Recodes ``f`` if so."""
        for node in _clause_nodes(f.tok):
            for c in node.children:
                if c.dep_ != "advcl":
                    continue
                mark = next((m for m in c.children if m.dep_ == "mark"), None)
                code = self.grammar.ultimatum_marks.get(mark.lower_) if mark is not None else None
                if code is None:
                    continue
                f.plan = f.plover
                f.mode = self.grammar.threat_modes.get(f.plover or "")
                f.cameo, f.plover = code, self.ontology[code].plover
                subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    f.recip_toks = self._expand(subj)
                return True
        return False

    def _on_condition(self, tok: Token) -> bool:
        """Is the clause of ``tok`` the consequence of a condition ("would meet X *if* ...")?
        (The condition's own clause is not.)"""
        marks = self.grammar.conditional_marks
        for node in _clause_nodes(tok):
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in marks for c in node.children
            ):
                return False
            if any(
                c.dep_ == "advcl" and any(m.lower_ in marks for m in c.children)
                for c in node.children
            ):
                return True
        return False

    def _apply_joint(self, f: _Frame) -> None:
        """ "France and Egypt launched war games", "China held drills with Russia": an
        exercise held together is military cooperation, and all its parties act."""
        code = self.grammar.joint_codes.get(f.cue.id)
        if code is None:
            return
        partner = [t for t in f.recip_toks if t.head.lower_ == "with" and t.head.dep_ == "prep"]
        joint = any(c.lower_ in ("joint", "combined") for c in f.tok.children)
        # "French and Egyptian warships": one phrase, two parties.
        joint = joint or any(
            m.conjuncts
            for t in f.actor_toks
            for m in t.children
            if m.dep_ in ("amod", "compound", "nmod")
        )
        if not (len(f.actor_toks) > 1 or partner or joint):
            return
        f.cameo, f.plover, f.mode, f.rule = code, self.ontology[code].plover, None, f.cue.id
        if partner:
            f.actor_toks, f.recip_toks = [*f.actor_toks, *f.recip_toks], []

    def _apply_obligation(self, frames: list[_Frame]) -> None:
        """ "X said Y must withdraw" is X demanding it of Y: the statement becomes a REQUEST
        and what Y must do is not coded as done."""
        g = self.grammar
        for outer in frames:
            if outer.cameo[:2] not in g.reporting_roots or outer.cue.pos != "VERB":
                continue
            for c in outer.tok.children:
                if c.dep_ != "ccomp":
                    continue
                aux = {a.lower_ for a in c.children if a.dep_ == "aux"}
                has_to = any(a.lemma_ == "have" and a.dep_ == "ROOT" for a in [c]) or any(
                    x.dep_ == "xcomp" and c.lemma_ in ("have", "need") for x in c.children
                )
                if not (aux & g.deontic_aux or has_to):
                    continue
                subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                outer.cameo, outer.plover, outer.mode = "100", "REQUEST", None
                outer.recip_toks = self._expand(subj)
                inside = {t.i for t in c.subtree}
                for f in frames:
                    if f is not outer and f.tok.i in inside:
                        f.suppressed = True
                        outer.plan = outer.plan or f.plover

    @staticmethod
    def _contents(outer: _Frame) -> list[Token]:
        """Tokens that may hold the outer cue's content: its complement clauses, its
        object, and the objects of its prepositions ("agreed *to a ceasefire*", "called
        *for sanctions*", "warned Japan *against holding talks*")."""
        out: list[Token] = []
        for c in outer.tok.children:
            if c.dep_ in ("xcomp", "dobj") or _content_clause(c):
                out.append(c)
            elif c.dep_ == "prep":
                out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        return out

    def _apply_embedding(self, frames: list[_Frame]) -> None:
        """Outer cues that take an inner event as their content absorb it; outer cues that
        act on an inner event take its actor as their target."""
        by_tok = {f.tok.i: f for f in frames}
        g = self.grammar
        for outer in frames:
            root = outer.cameo[:2]
            if root in g.embedding_roots and not outer.suppressed:
                # "demanded that the US cancel plans to sell weapons": nothing inside what
                # is demanded, refused, threatened or intended has happened.
                for c in outer.tok.children:
                    if (c.dep_ == "xcomp" or _content_clause(c)) and c.i not in by_tok:
                        inside = {t.i for t in c.subtree}
                        for other in frames:
                            if other is not outer and other.tok.i in inside:
                                other.suppressed = True
            for it in self._contents(outer):
                inner = by_tok.get(it.i)
                if inner is None or inner is outer or inner.suppressed:
                    continue
                if it.dep_ == "dobj" and outer.tok.lemma_.lower() in g.command_verbs:
                    # "India ordered the deployment of troops": India deploys them.
                    outer.suppressed = True
                    if not inner.actor_toks:
                        inner.actor_toks = outer.actor_toks
                    break
                aimed_at_inner = bool(outer.recip_toks) and outer.recip_toks[0].i == inner.tok.i
                if root in g.reporting_roots:
                    inner.flags.append("reported")
                    continue
                if root not in g.embedding_roots:
                    # "Albania denounced Serbia's crackdown": the target is Serbia.
                    if aimed_at_inner:
                        outer.recip_toks = inner.actor_toks or inner.recip_toks
                    continue
                # What is asked, refused, threatened or intended has not happened.
                inner.suppressed = True
                if it.dep_ == "xcomp" or _content_clause(it):
                    inside = {t.i for t in it.subtree}
                    for other in frames:
                        if other is not outer and other.tok.i in inside:
                            other.suppressed = True
                if root == "03":
                    outer.plan = inner.plover
                    if outer.cameo in ("030", "03"):
                        outer.cameo = self.ontology.intent_code(inner.plover)
                if root == "13" and inner.plover in g.threat_modes and not outer.mode:
                    outer.mode = g.threat_modes[inner.plover]
                # The target is the inner event's target, or its other parties ("opposes
                # contacts between Taiwan and ...").
                others = [t for t in inner.actor_toks if t not in outer.actor_toks]
                if root == "03" and aimed_at_inner and others and inner.cue.pos != "VERB":
                    # "Israel agreed to Egyptian mediation": it accepts what Egypt offers.
                    outer.recip_toks = others
                elif not outer.recip_toks or aimed_at_inner:
                    outer.recip_toks = inner.recip_toks or (others if aimed_at_inner else [])

    def _merge_carried(self, frames: list[_Frame]) -> None:
        """ "China donated ambulances": the verb and the noun it hands over are one event,
        with the more specific of their two codes."""
        by_tok = {f.tok.i: f for f in frames}
        for f in frames:
            if f.suppressed or f.cue.pos == "VERB":
                continue
            carrier = self._carrier(f.tok)
            verb = by_tok.get(carrier.i) if carrier is not None else None
            if verb is None or verb.suppressed or verb.cameo[:2] != f.cameo[:2]:
                continue
            f.suppressed = True
            if _specificity(f.cameo) > _specificity(verb.cameo):
                verb.cameo, verb.plover, verb.rule = f.cameo, f.plover, f.cue.id
                verb.mode = f.mode or verb.mode
            if not verb.recip_toks:
                verb.recip_toks = f.recip_toks

    @staticmethod
    def _drop_background(frames: list[_Frame]) -> None:
        """An event noun with no participant of its own that hangs below another event is
        background ("in the wake of the execution", "atrocities during the fight"), not a
        second event of the sentence."""
        toks = {f.tok.i for f in frames if not f.suppressed}
        for f in frames:
            if f.suppressed or f.cue.pos == "VERB" or f.actor_toks or f.recip_toks:
                continue
            if any(a.i in toks for a in f.tok.ancestors):
                f.suppressed = True

    # -- one sentence -----------------------------------------------------------------------
    def _code_sentence(
        self, sent: SpacySpan, index: int, article_id: str, when: date | None, memory: ArticleMemory
    ) -> Iterator[Event]:
        frames = self._find_frames(sent, memory.may_cue)
        if not frames:
            self._remember_people(sent, when, memory)
            return
        kept: list[_Frame] = []
        for f in frames:
            if self._negated(f.tok):
                refusal = self.grammar.negated_codes.get(f.tok.lemma_.lower())
                if refusal is None or f.cue.pos != "VERB":
                    continue
                # "will not accept refugees": a refusal (REJECT).
                f.cameo, f.plover, f.mode = refusal, self.ontology[refusal].plover, None
            else:
                opinion = self.grammar.opinion_codes.get(f.tok.lemma_.lower())
                if opinion is not None and f.cue.pos == "VERB" and self._states_fact(f.tok):
                    # "agreed that vaccines have saved lives": an opinion shared (CAMEO 019).
                    f.cameo, f.plover, f.mode = opinion, self.ontology[opinion].plover, None
            passive = f.cue.pos == "VERB" and self._is_passive(f.tok)
            if f.cue.pos == "VERB":
                actor = self._subject(f.tok)
            elif f.cue.pos == "OBJECT":
                # "Germany gave Ukraine tanks": the giver is the subject of "gave".
                carrier = self._carrier(f.tok)
                actor = self._subject(carrier) if carrier is not None else None
            else:
                actor = self._noun_actor(f.tok)
            if self._no_event(f, actor, passive):
                continue
            f.actor_toks = self._expand(actor)
            self._choose_recipient(f, passive, when, memory)
            if self._lacks_counterpart(f, when, memory):
                continue
            f.temporal = self._modality(f.tok)
            kept.append(f)
        for f in kept:
            self._apply_joint(f)
        self._apply_obligation(kept)
        self._apply_embedding(kept)
        self._merge_carried(kept)
        self._drop_background(kept)
        for f in kept:
            if f.suppressed:
                continue
            if f.temporal != "current" and f.plover != "THREATEN" and self._ultimatum(f):
                yield from self._emit(f, sent, index, article_id, when, memory)
                continue
            offer = f.temporal == "planned" or (
                f.temporal == "hypothetical" and self._on_condition(f.tok)
            )
            if offer and f.plover in _COOP_TYPES and f.plover != "AGREE":
                # "will meet", and "would meet if ...": an offer to cooperate (AGREE).
                f.plan = f.plover
                f.cameo = self.ontology.intent_code(f.plover)
                f.plover = "AGREE"
            elif f.temporal == "planned" and f.plover in self.grammar.threat_codes:
                # An announced coercive step is a threat until it is taken (PLOVER THREATEN).
                f.plan = f.plover
                f.mode = self.grammar.threat_modes.get(f.plover, f.mode)
                f.cameo = self.grammar.threat_codes[f.plover]
                f.plover = "THREATEN"
            yield from self._emit(f, sent, index, article_id, when, memory)
        self._remember_people(sent, when, memory)

    def _choose_recipient(
        self, f: _Frame, passive: bool, when: date | None, memory: ArticleMemory
    ) -> None:
        """The first slot, in the cue's order, whose filler names an actor; failing that the
        first filled slot (it may be an event noun that a later rule reads)."""
        first: tuple[str, Token] | None = None
        governed: tuple[str, Token] | None = None
        # Trying a filler must not count as naming it: remember what the article memory held.
        recent, countries = len(memory.recent), set(memory.countries)
        for slot in f.cue.targets:
            if slot.partition(":")[2] in _PLACE_PREPS and len(f.actor_toks) > 1:
                continue  # "X and Y held talks in Z": Z is where, not a third party
            t = self._slot(f, slot, passive)
            if t is None or t in f.actor_toks or t.i == f.tok.i:
                continue
            if len(f.actor_toks) > 1 and t in f.used:
                continue  # "X and Y held talks in Z": the talks name no third party
            if slot.startswith(ACTOR_ONLY_SLOTS):
                # Only a filler that is itself a name counts: not "rallies *in Nairobi*".
                left = [x for x in t.subtree if x.i <= t.i]
                if (
                    self.actors.resolve_words(
                        [x.text for x in left], [x.lemma_ for x in left], len(left) - 1, when
                    )
                    is None
                ):
                    # "refused to respond to a demand *from X*": the party inside the object
                    # of the action the cue governs, if no slot names one itself.
                    if slot.startswith("xcomp>") and governed is None:
                        inner = self._inner_party(t, when, memory)
                        if inner is not None:
                            governed = (slot + ":inner", inner)
                    continue
            elif first is None:
                first = (slot, t)
            if self._actor(t, when, memory) is not None:
                first = (slot, t)
                break
        else:
            # "denounced Serbia's suppression", "rejected an offer from Kabul": the party is
            # inside the object the verb names.
            inner = self._inner_party(first[1], when, memory) if first is not None else None
            if inner is not None and first is not None:
                first = (first[0].partition(":")[0] + ":inner", inner)
            elif governed is not None:
                first = governed
        del memory.recent[recent:]
        memory.countries = countries
        if first is None:
            return
        slot, t = first
        f.recip_toks = self._expand(t)
        f.recip_is_place = slot.partition(":")[2] in _PLACE_PREPS
        # "talks between X and Y" with no one else named: X and Y both act.
        if slot == "pobj:between" and not f.actor_toks and len(f.recip_toks) > 1:
            f.actor_toks, f.recip_toks = f.recip_toks, []
        # Cooperation is mutual (PLOVER COOPERATE): "X shared intelligence with Y" has X and
        # Y both acting.
        if f.plover == "COOPERATE" and slot == "pobj:with" and f.actor_toks:
            f.actor_toks, f.recip_toks = [*f.actor_toks, *f.recip_toks], []

    def _inner_party(self, noun: Token, when: date | None, memory: ArticleMemory) -> Token | None:
        """The possessor of a noun, or the one it comes from ("an offer *from* Kabul", "an
        admission *by* Moscow"), when that names an actor."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in noun.children:
            if c.dep_ == "poss":
                cand: Token | None = c
            elif c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by"):
                cand = self._pobj(noun, c.lower_)
            else:
                continue
            if cand is not None and self._actor(cand, when, memory) is not None:
                return cand
        return None

    @staticmethod
    def _expand(tok: Token | None) -> list[Token]:
        """A token and the tokens coordinated with it ("Japan and Taiwan")."""
        if tok is None:
            return []
        out = [tok]
        out.extend(c for c in tok.conjuncts if c.i > tok.i)
        return out

    def _sole_country(
        self, sent: SpacySpan, when: date | None, memory: ArticleMemory
    ) -> str | None:
        """The one country the sentence names (by name, demonym, capital or place), if it
        names exactly one."""
        codes = self._countries_in(sent, when, memory)
        return codes[0] if len(codes) == 1 else None

    def _state_named(self, ent: SpacySpan, when: date | None) -> str | None:
        """The state a place or nationality entity names by the actor tables ("Kenyan",
        "Nairobi" as the capital), if any."""
        found = self.actors.resolve_words(
            [t.text for t in ent], [t.lemma_ for t in ent], len(ent) - 1, when
        )
        if found is not None and found.code and found.code not in _NON_STATE:
            return found.code
        return None

    def _countries_in(
        self, sent: SpacySpan, when: date | None, memory: ArticleMemory
    ) -> tuple[str, ...]:
        """The countries the sentence names, in order, up to three; worked out once per
        sentence, however many events it has."""
        if sent.start in memory.countries_in:
            return memory.countries_in[sent.start]
        codes: list[str] = []
        for ent in memory.ents.get(sent.start, []):
            if ent.label_ not in ("GPE", "NORP", "LOC"):
                continue
            code = self._state_named(ent, when)
            if code is None and self.places is not None and ent.label_ != "NORP":
                place = self.places.lookup(ent.text, memory.countries)
                code = place.country_code if place is not None else None
            if code and code not in codes:
                codes.append(code)
                if len(codes) > 2:
                    break
        memory.countries_in[sent.start] = tuple(codes)
        return memory.countries_in[sent.start]

    def _where(self, f: _Frame, memory: ArticleMemory) -> Location | None:
        """The place named in the event's clause, else the article's dateline."""
        if self.places is None:
            return None
        carrier = self._carrier(f.tok) if f.cue.pos != "VERB" else None
        hosts = [carrier] if carrier is not None else []
        # Cities sharing a name are told apart by the countries the article names, but the
        # United States is named too often to pick Paris, Texas over Paris: only a US state
        # named in the article brings American towns into play.
        context = memory.countries if memory.us_states else memory.countries - {"USA"}
        found = event_location(f.tok, self.places, context, hosts)
        return found or memory.dateline

    def _place_of(self, tok: Token, memory: ArticleMemory) -> Location | None:
        """The place named on a noun phrase: "a bombing *near the town of Samarra*"."""
        if self.places is None:
            return None
        context = memory.countries if memory.us_states else memory.countries - {"USA"}
        return event_location(tok, self.places, context, [tok])

    def _when(
        self, f: _Frame, sent: SpacySpan, when: date | None, memory: ArticleMemory
    ) -> tuple[date | None, str | None, str]:
        """Date, precision and temporal status of a frame: the time expression of its clause
        (or of the clauses governing it), else the article date. (An old date does not carry
        over to the next sentences: news returns from background to the present without
        saying so, and carrying it made current events historical.)"""
        found = event_date(
            f.tok, memory.ents.get(sent.start, []), when, future=f.temporal == "planned"
        )
        if found is None:
            return when, ("day" if when else None), f.temporal
        temporal = temporal_status(found.value, when, f.temporal)
        day = found.value
        # A period that holds the article date ("in 2021", "this month") dates the event to
        # the article, keeping the period's precision.
        if when is not None and found.precision in ("year", "month", "week"):
            same = found.value.year == when.year and (
                found.precision == "year"
                or found.value.month == when.month
                or found.precision == "week"
            )
            if same and found.value <= when:
                day = when
        return day, found.precision, temporal

    def _emit(
        self,
        f: _Frame,
        sent: SpacySpan,
        index: int,
        article_id: str,
        when: date | None,
        memory: ArticleMemory,
    ) -> Iterator[Event]:
        actors = self._actors(f.actor_toks, when, memory)
        recips = self._actors(f.recip_toks, when, memory)
        if f.recip_is_place:
            # "arrests in Paris": the place stands for its country, not its government.
            recips = [
                Actor(r.text, r.code, None, r.name, r.how) if r.how in ("capital", "seat") else r
                for r in recips
            ]
        where = self._where(f, memory)
        if where is not None and where.country_code:
            # "Police arrested protesters in Lagos": domestic agents of the place's country.
            actors = [_of_country(a, where.country_code) for a in actors]
            recips = [_of_country(r, where.country_code) for r in recips]
        if (f.plover in ("ASSAULT", "COERCE") or f.cameo.startswith("09")) and not any(
            a.code or a.sector for a in actors
        ):
            # "A roadside bomb near Samarra killed two soldiers", "a journalist was arrested in
            # Cairo", "X was put under investigation in Italy": violence, repression or an
            # inquiry with no named agent is coded to the country where it happened, the place
            # on the act itself first.
            place = self._place_of(f.actor_toks[0], memory) if f.actor_toks else None
            place = place or where
            if place is not None and place.country_code:
                actors = [Actor(place.text, place.country_code, None, place.name, "location")]
        sole = self._sole_country(sent, when, memory)
        if sole is not None:
            # "President X agreed to resign without returning to Kyrgyzstan": the only country
            # the sentence names is the country of its agents whose country is not given.
            actors = [_of_country(a, sole) for a in actors]
            recips = [_of_country(r, sole) for r in recips]
        # Restrictions, and the easing of them (CAMEO 081: curfews, freedoms), fall on people.
        coercive = f.plover == "COERCE" or f.plan == "COERCE" or f.cameo.startswith("081")
        victims = [t for t in f.recip_toks if t not in f.used]
        if not any(r.code for r in recips) and (
            (victims and f.plover in ("ASSAULT", "COERCE")) or (coercive and not victims)
        ):
            # "police opened fire, killing one person", "imposed martial law", "lifted the
            # curfew": victims no one names, and the subjects of a curfew or martial law, are
            # the people of the country where it happens (else of the state that acts, else of
            # the sentence's country).
            home = where.country_code if where is not None else None
            if home is None and coercive:
                home = next((a.code for a in actors if a.code and a.code not in _NON_STATE), None)
            home = home or sole
            if home is not None and home not in _NON_STATE:
                text = " ".join(t.text for t in victims) if victims else home
                recips = [Actor(text, home, "CVL", None, "inferred")]
        if f.plover == "PROTEST" and not (
            any(r.code for r in recips) and any(a.code for a in actors)
        ):
            # A protest that names no one it is aimed at is aimed at the government of the
            # country it takes place in, and unnamed protesters are its people: "students
            # marched in Jakarta" is Indonesian students against Indonesia's government.
            home = where.country_code if where is not None else None
            home = home or sole
            if home is None:
                home = next((a.code for a in actors if a.code and a.code not in _NON_STATE), None)
            if home is not None and home not in _NON_STATE:
                site = where.text if where else home
                if not any(r.code for r in recips):
                    recips = [Actor(site, home, "GOV", None, "protest-place")]
                if not any(a.code for a in actors):
                    actors = [
                        Actor(a.text, home, a.sector, a.name, "protest-place") for a in actors
                    ] or [Actor(site, home, "CVL", None, "protest-place")]
        if (f.rule or f.cue.id) in self.grammar.weak_cues and not any(
            self._party(p) for p in (*actors, *recips)
        ):
            # "Thank you", "discussed the results", "remote code execution": a cue word used
            # more often outside politics than in it is an event only when it names a party.
            return
        pairs: list[tuple[Actor | None, Actor | None]]
        if not recips and len(actors) > 1:  # "X and Y met": both act, both ways
            pairs = [(a, b) for a in actors for b in actors if a is not b]
        else:
            acts: list[Actor | None] = [*actors] or [None]
            recs: list[Actor | None] = [*recips] or [None]
            pairs = [(a, b) for a in acts for b in recs]
        code = self.ontology[f.cameo]
        day, precision, temporal = self._when(f, sent, when, memory)

        start = min(t.idx for t in f.used)
        end = max(t.idx + len(t.text) for t in f.used)
        seen: set[tuple[str | None, str | None, str | None, str | None]] = set()
        for a, b in pairs:
            a, b = _share_country(a, b), _share_country(b, a)
            if (
                a is not None
                and b is not None
                and a.code
                and a.code == b.code
                and a.sector == b.sector
            ):
                b = None
            key = (
                a.code if a else None,
                a.sector if a else None,
                b.code if b else None,
                b.sector if b else None,
            )
            if key in seen:
                continue
            seen.add(key)
            conf = (
                _CONF_BASE
                + (_CONF_ACTOR if a and a.code else 0)
                + (_CONF_RECIP if b and b.code else 0)
                + (_CONF_SPECIFIC if f.cue.extra else 0)
            )
            yield Event(
                id=event_id(article_id, start, end, key[0], key[2], f.cameo),
                article_id=article_id,
                sentence_index=index,
                sentence=memory.text[sent.start_char : sent.end_char],
                trigger=Span(memory.text[start:end], start, end),
                date=day,
                event_type=f.plover,
                mode=f.mode,
                cameo=f.cameo,
                cameo_root=f.cameo[:2],
                quad_class=code.quad,
                goldstein=code.goldstein,
                actor=a,
                recipient=b,
                rule=f.rule or f.cue.id,
                confidence=round(min(conf, 1.0), 2),
                temporal=temporal,
                plan=f.plan,
                date_precision=precision,
                location=where,
                flags=tuple(f.flags),
            )

    def _party(self, actor: Actor) -> bool:
        """Whether an actor makes a weak cue's event political: it has a country or
        organisation code, or a sector other than the private ones ("the company", "people")."""
        return bool(actor.code) or (
            actor.sector is not None and actor.sector.lower() not in self.grammar.private_sectors
        )

    # -- actors -----------------------------------------------------------------------------
    def _phrase(self, tok: Token) -> list[Token]:
        """The tokens that name an argument: its subtree without clauses, coordinated
        siblings or prepositional phrases other than "of", "from" and "in"."""
        keep: list[Token] = [tok]
        stack = list(tok.children)
        while stack:
            c = stack.pop()
            if c.dep_ == "acl" and c.lemma_.lower() in self.grammar.seat_verbs:
                # "guerrillas operating in Macedonia": the place the group works in.
                keep.append(c)
                stack.extend(x for x in c.children if x.dep_ == "prep" and x.lower_ == "in")
                continue
            if c.dep_ in _PHRASE_CUT and not (c.dep_ == "punct" and c.text in "-'’"):
                continue
            if c.dep_ == "prep" and c.lower_ not in ("of", "from", "in", "throughout", "across"):
                continue
            keep.append(c)
            stack.extend(c.children)
        keep.sort(key=lambda t: t.i)
        return keep

    def _actors(self, toks: list[Token], when: date | None, memory: ArticleMemory) -> list[Actor]:
        out: list[Actor] = []
        both = (
            _BOTH_SIDES.match(" ".join(t.lower_ for t in self._phrase(toks[0])))
            if len(toks) == 1
            else None
        )
        if both is not None:
            # "the two sides", "both countries": the two countries of this sentence when it
            # names two and the phrase means states, else the last two parties named.
            text = toks[0].text
            noun = both.group(2)
            if noun in _STATE_NOUNS:
                named = self._countries_in(toks[0].sent, when, memory)
                if len(named) == 2:
                    sector = "GOV" if noun in ("governments", "leaders") else None
                    return [Actor(text, c, sector, None, "sentence") for c in named]
            pair: list[Actor] = []
            for prev in reversed(memory.recent):
                if noun in _STATE_NOUNS and (prev.code is None or prev.code in _NON_STATE):
                    continue  # "the two nations" are not a newspaper and a ministry
                if all(p.code != prev.code for p in pair):
                    pair.append(prev)
                if len(pair) == 2:
                    return [Actor(text, a.code, a.sector, a.name, "article") for a in pair]
        for tok in toks:
            actor = self._actor(tok, when, memory)
            if actor is not None:
                out.append(actor)
                out.extend(self._coordinated_modifiers(tok, actor, when))
                out.extend(self._coordinated_of_objects(tok, actor, when, memory))
        return out

    def _coordinated_of_objects(
        self, tok: Token, actor: Actor, when: date | None, memory: ArticleMemory
    ) -> list[Actor]:
        """ "scores of Iraqi and Syrian refugees", "members of Fatah and Hamas": a noun
        that takes its party from an of-phrase takes every party coordinated in it."""
        if tok.pos_ != "NOUN":
            return []
        extra: list[Actor] = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                extra.extend(self._coordinated_modifiers(obj, actor, when))
                for conj in obj.conjuncts:
                    if conj.i < obj.i:
                        continue
                    found = self._actor(conj, when, memory)
                    if found is not None and found.code and found.code != actor.code:
                        extra.append(
                            Actor(found.text, found.code, actor.sector, found.name, found.how)
                        )
        return extra

    def _coordinated_modifiers(self, tok: Token, actor: Actor, when: date | None) -> list[Actor]:
        """ "U.S. and Russian negotiators": one phrase, two actors of the same kind."""
        extra: list[Actor] = []
        for mod in tok.children:
            if mod.dep_ not in ("amod", "compound", "nmod") or mod.i > tok.i:
                continue
            for conj in mod.conjuncts:
                found = self.actors.resolve_words([conj.text], [conj.lemma_], 0, when)
                if found is not None and found.code and found.code != actor.code:
                    extra.append(
                        Actor(
                            f"{conj.text} {tok.text}",
                            found.code,
                            actor.sector,
                            found.name,
                            found.how,
                        )
                    )
        return extra

    def _actor(self, tok: Token, when: date | None, memory: ArticleMemory) -> Actor | None:
        # Pronoun rules only for pronouns: "US" is not "us".
        low = tok.lower_ if tok.pos_ == "PRON" else ""
        g = self.grammar
        if low in g.speaker_pronouns:
            speaker = self._speaker_of(tok)
            if speaker is not None and speaker.i != tok.i:
                found = self._actor(speaker, when, memory)
                if found is not None:
                    return Actor(tok.text, found.code, found.sector, found.name, "speaker")
            return None
        if low in g.person_pronouns:
            # "President X said he would ...": he = the person who says so.
            speaker = self._speaker_of(tok)
            if speaker is not None and speaker.ent_type_ == "PERSON":
                found = self._actor(speaker, when, memory)
                if found is not None and (found.code or found.sector):
                    return Actor(tok.text, found.code, found.sector, found.name, "speaker")
            if memory.last_person is not None:
                p = memory.last_person
                return Actor(tok.text, p.code, p.sector, p.name, "pronoun")
            return None
        if tok.dep_ == "poss" and low in g.clause_pronouns | {"his", "her"}:
            # "Iran reiterated its demand": its = the subject of the verb the noun serves.
            noun = tok.head
            if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in _VERB_POS:
                subj = self._subject(noun.head)
                if subj is not None and subj.lower_ not in PRONOUNS:
                    found = self._actor(subj, when, memory)
                    if found is not None:
                        return Actor(tok.text, found.code, found.sector, found.name, "possessor")
        if low in g.clause_pronouns:
            # "Japan said it had halted aid": it = the one who says so.
            speaker = self._speaker_of(tok)
            if speaker is not None and speaker.lower_ not in PRONOUNS:
                found = self._actor(speaker, when, memory)
                if found is not None and found.code:
                    return Actor(tok.text, found.code, found.sector, found.name, "speaker")
            return None
        if low in PRONOUNS or tok.lower_ in ("who", "which", "that"):
            return None
        if tok.ent_type_ in _AMOUNT_ENTS:
            return None  # "nine billion US dollars" is no one
        phrase = self._phrase(tok)
        words = [t.text for t in phrase]
        lemmas = [t.lemma_ for t in phrase]
        head = phrase.index(tok)
        text = memory.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1].text)]
        actor = self.actors.resolve_words(words, lemmas, head, when, text)
        # Countries named in the article disambiguate place names; a capital or place is
        # itself such a name ("in Paris"), so it does not count as context for itself.
        if actor is not None and actor.code and actor.how not in ("capital", "seat", "place"):
            memory.countries.add(actor.code)
        if actor is None or actor.code is None:
            known = self._known_person(phrase, memory)
            if known is not None:
                return Actor(
                    text,
                    known.code,
                    actor.sector if actor and actor.sector else known.sector,
                    known.name,
                    "article",
                )
        if actor is not None and actor.code is None and actor.sector and _definite(phrase):
            # "the spokesperson", "the ministry": the last actor of that sector named so far,
            # else the country the article is about.
            for prev in reversed(memory.recent):
                if prev.sector == actor.sector:
                    return Actor(text, prev.code, prev.sector, prev.name, "article")
            # (Only public bodies: "the company" or "the students" may be anyone's.)
            if memory.home is not None and actor.sector.lower() not in self.grammar.private_sectors:
                return Actor(text, memory.home, actor.sector, actor.name, "article-country")
        if actor is not None and actor.code:
            memory.recent.append(actor)
        return actor

    def _speaker_of(self, tok: Token) -> Token | None:
        """The subject of the speech verb whose quoted clause holds ``tok``."""
        node = tok
        for _ in range(8):
            head = node.head
            if head.i == node.i:
                break
            if node.dep_ in ("ccomp", "parataxis", "xcomp", "advcl") or head.dep_ == "ROOT":
                # "X was quoted as saying ...": the one quoted speaks.
                quoted = head.lemma_.lower() in ("quote", "cite")
                subj = next(
                    (
                        c
                        for c in head.children
                        if (c.dep_ in _SUBJ or (quoted and c.dep_ == "nsubjpass"))
                        and c.i != tok.i
                        and c.lower_ not in self.grammar.speaker_pronouns
                    ),
                    None,
                )
                if subj is not None and head.i != tok.head.i:
                    return subj
            node = head
        return None

    @staticmethod
    def _known_person(phrase: list[Token], memory: ArticleMemory) -> Actor | None:
        for t in phrase:
            # The tagger may call a lone surname an ORG later on ("Odhiambo also ...").
            if t.pos_ == "PROPN" and t.text in memory.people:
                return memory.people[t.text]
        return None

    def _remember_people(self, sent: SpacySpan, when: date | None, memory: ArticleMemory) -> None:
        """Resolve each PERSON named in the sentence with its titles, so a later "Hua" or
        "she" can be found."""
        for ent in memory.ents.get(sent.start, []):
            if ent.label_ != "PERSON":
                continue
            hits = self.actors.matches([t.text for t in ent])
            if (
                hits
                and hits[0][0] == 0
                and hits[-1][1] == len(ent)
                and all(h[2].kind in _PLACE_KINDS for h in hits)
            ):
                continue  # a country word the tagger took for a name ("Ugandan")
            head = ent.root
            actor = self._actor_no_memory(head, when)
            if actor is None or actor.code is None:
                continue
            person = Actor(ent.text, actor.code, actor.sector, ent.text, "article")
            for t in ent:
                if t.is_alpha and t.is_title:
                    memory.people.setdefault(t.text, person)
            memory.people[ent.text] = person
            memory.last_person = person

    def _actor_no_memory(self, tok: Token, when: date | None) -> Actor | None:
        phrase = self._phrase(tok)
        words = [t.text for t in phrase]
        lemmas = [t.lemma_ for t in phrase]
        return self.actors.resolve_words(words, lemmas, phrase.index(tok), when)
