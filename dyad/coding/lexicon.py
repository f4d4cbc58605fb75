"""The event lexicon: cue words with their dependency frame, CAMEO code and PLOVER type.

Entries live in ``dyad/data/lexicon/*.tsv`` (format in ``dyad/data/README.md``); this module
only reads and indexes them. The coder asks :meth:`Lexicon.candidates` for a head lemma.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad._data import data_path, read_tsv, split_cell
from dyad.coding.ontology import Ontology, load_ontology
from dyad.errors import DataFileError

__all__ = ["ACTOR_ONLY_SLOTS", "DEFAULT_TARGETS", "Cue", "Lexicon", "load_lexicon"]

DEFAULT_TARGETS: dict[str, tuple[str, ...]] = {
    "VERB": (
        "dobj",
        "dative",
        "pobj:against",
        "pobj:with",
        "pobj:on",
        "pobj:to",
        "pobj:at",
        "pobj:into",
        "pobj:toward",
        "ccomp-subj",
        # The object of the action the cue governs: "refused to recognise *Kosovo*",
        # "threatened to deliver blows *to the United States*" (only when it names an actor).
        "xcomp>dobj",
        "xcomp>pobj:to",
        "xcomp>pobj:against",
        "xcomp>pobj:on",
        "xcomp>pobj:with",
        "pobj:in",
    ),
    "NOUN": (
        "pobj:against",
        "pobj:on",
        "pobj:with",
        "pobj:to",
        "pobj:between",
        "pobj:at",
        "pobj:toward",
        "pobj:into",
        # The one a passive carrier acts on: "a US national was *put under investigation*".
        "carrier-subjpass",
        "pobj:in",
    ),
    # A noun that is an event only as what a verb hands over: "gave *firearms* to X",
    # "provided *funding* to Y" (but not "nuclear weapons" on their own).
    # "compound": "gave Ukraine tanks", which the parser reads as "Ukraine tanks".
    "OBJECT": (
        "pobj:to",
        "dative",
        "dobj",
        "pobj:for",
        "pobj:with",
        "pobj:against",
        "pobj:on",
        "compound",
    ),
}
# A statement is addressed to someone ("told reporters", "said to Japan"), never to the
# subject of what is said.
STATEMENT_TARGETS: tuple[str, ...] = ("dobj", "dative", "pobj:to", "pobj:with")
_SLOT_KINDS = {
    "dobj",
    "dative",
    "poss",
    "none",
    "only",
    "ccomp-subj",
    "cond-subj",
    "carrier-subjpass",
    "compound",
}
# Slots that only ever name an actor: when their filler is not one, they are not a fallback.
ACTOR_ONLY_SLOTS = ("xcomp>", "cond-subj")
_REQUIRED = ("id", "cue", "pos", "cameo", "example")
_OPTIONAL = ("mode", "target")


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon line."""

    id: str
    head: str
    extra: tuple[str, ...]
    pos: str
    cameo: str
    plover: str | None
    mode: str | None
    targets: tuple[str, ...]
    example: str
    source: str

    @property
    def specificity(self) -> int:
        return len(self.extra)


def _check_slot(slot: str) -> bool:
    slot = slot.removeprefix("xcomp>")
    if slot in _SLOT_KINDS:
        return True
    kind, _, prep = slot.partition(":")
    return kind == "pobj" and bool(prep)


class Lexicon:
    """Cues indexed by head lemma."""

    def __init__(self, cues: Iterable[Cue]) -> None:
        self.cues: list[Cue] = list(cues)
        self._by_head: dict[str, list[Cue]] = {}
        seen: dict[str, str] = {}
        for cue in self.cues:
            if cue.id in seen:
                raise DataFileError(
                    f"{cue.source}: duplicate id {cue.id} (first in {seen[cue.id]})"
                )
            seen[cue.id] = cue.source
            self._by_head.setdefault(cue.head, []).append(cue)
        for cues in self._by_head.values():
            cues.sort(key=lambda c: -c.specificity)

    def __len__(self) -> int:
        return len(self.cues)

    def candidates(self, lemma: str) -> list[Cue]:
        """Cues whose head is ``lemma``, most specific first."""
        return self._by_head.get(lemma, [])

    @classmethod
    def from_paths(cls, paths: Iterable[Path], ontology: Ontology) -> Lexicon:
        cues: list[Cue] = []
        for path in paths:
            stem = path.stem.upper()
            for lineno, row in read_tsv(path, _REQUIRED, _OPTIONAL):
                where = f"{path}:{lineno}"
                words = row["cue"].lower().split()
                pos = row["pos"].upper()
                if pos not in DEFAULT_TARGETS:
                    raise DataFileError(
                        f"{where}: pos must be VERB, NOUN or OBJECT, not {row['pos']!r}"
                    )
                code = row["cameo"]
                if code not in ontology:
                    raise DataFileError(f"{where}: unknown CAMEO code {code!r}")
                plover = ontology[code].plover
                if stem != "STATEMENT" and plover != stem:
                    raise DataFileError(
                        f"{where}: CAMEO {code} maps to {plover}, but the file is {stem}"
                    )
                # The entry's own slots come first, then the defaults, unless it says
                # "none" (no recipient) or "only" (just the slots it names).
                own = split_cell(row["target"])
                if "none" in own:
                    targets: tuple[str, ...] = ("none",)
                elif "only" in own:
                    targets = tuple(t for t in own if t != "only")
                else:
                    defaults = STATEMENT_TARGETS if stem == "STATEMENT" else DEFAULT_TARGETS[pos]
                    targets = tuple(dict.fromkeys([*own, *defaults]))
                bad = [t for t in targets if not _check_slot(t)]
                if bad:
                    raise DataFileError(f"{where}: unknown target slot(s) {bad}")
                cues.append(
                    Cue(
                        id=row["id"],
                        head=words[0],
                        extra=tuple(words[1:]),
                        pos=pos,
                        cameo=code,
                        plover=plover,
                        mode=row["mode"] or ontology[code].mode,
                        targets=targets,
                        example=row["example"],
                        source=where,
                    )
                )
        return cls(cues)


def lexicon_files() -> list[Path]:
    return sorted(data_path("lexicon").glob("*.tsv"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    return Lexicon.from_paths(lexicon_files(), load_ontology())
