"""The event lexicon and ontology as data: they load, cover the ontology, and every entry
fires on the example sentence written beside it."""

from __future__ import annotations

from collections import defaultdict

import pytest

from dyad.coding.lexicon import load_lexicon
from dyad.coding.ontology import PLOVER_TYPES, load_ontology, penta_class


def test_ontology_codes_goldstein_and_quads() -> None:
    o = load_ontology()
    # Values from the CAMEO codebook: 130 "threaten" is -4.4, 190 "use conventional force"
    # -10, 051 "praise" 3.4, 043 "host a visit" 2.8.
    assert o["130"].goldstein == -4.4 and o["130"].quad == 3 and o["130"].plover == "THREATEN"
    assert o["190"].goldstein == -10.0 and o["190"].quad == 4 and o["190"].plover == "ASSAULT"
    assert o["051"].goldstein == 3.4 and o["051"].plover == "SUPPORT"
    assert o["043"].plover == "CONSULT"
    assert o["010"].plover is None and o["020"].plover == "REQUEST"  # appeals are requests
    assert o["0841"].plover == "RETREAT" and o["081"].plover == "CONCEDE"
    # PLOVER's RETREAT names "official resignations", mode "resign" (CAMEO 0831).
    assert o["0831"].plover == "RETREAT" and o["0831"].mode == "resign"
    assert o["0831"].quad == 2 and o["0832"].plover == "CONCEDE"
    assert o["204"].mode == "unconventional"
    roots = {c.root for c in o.codes.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_intent_codes_are_cameo_03() -> None:
    o = load_ontology()
    assert o.intent_code("CONSULT") == "036"
    assert all(code.startswith("03") for code in o.intent.values())


def test_penta_classes_follow_conflibert() -> None:
    assert [
        penta_class(c)
        for c in ("010", "020", "036", "057", "061", "0841", "112", "130", "163", "145", "190")
    ] == [0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4]


def test_lexicon_size_and_coverage() -> None:
    lex = load_lexicon()
    assert len(lex) >= 1500
    roots = {c.cameo[:2] for c in lex.cues}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert {c.plover for c in lex.cues if c.plover} == set(PLOVER_TYPES)


def test_every_cue_has_an_example() -> None:
    assert all(c.example.strip() for c in load_lexicon().cues)


@pytest.mark.model
def test_every_example_fires_its_entry(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Each entry's example, coded alone, yields an event whose rule is that entry."""
    from dyad.types import Article

    lex = load_lexicon()
    arts = [Article(id=c.id, text=c.example) for c in lex.cues]
    misses: dict[str, list[str]] = defaultdict(list)
    for cue, coded in zip(lex.cues, pipeline.code_articles(arts, batch_size=256), strict=True):
        if cue.id not in {e.rule for e in coded.events}:
            misses[cue.source.rsplit("/", 1)[-1].split(":")[0]].append(f"{cue.id}: {cue.example}")
    assert not misses, "\n".join(f"{f}: {len(m)} e.g. {m[:3]}" for f, m in misses.items())


def test_weak_cues_name_lexicon_entries() -> None:
    """Every weak cue in grammar/frames.yaml is a lexicon id: a misspelt id would silently
    leave its cue ungated."""
    from dyad.coding.grammar import load_grammar

    weak = load_grammar().weak_cues
    assert len(weak) >= 100
    assert weak <= {c.id for c in load_lexicon().cues}
    # Ambiguous everyday words are weak; multiword and unambiguous cues stand alone.
    assert {"support.thank", "assault.execution", "consult.discuss"} <= weak
    assert not weak & {"assault.airstrike", "sanction.sanction", "retreat.ceasefire"}
    assert not weak & {"agree.strike-deal", "agree.offer-ceasefire"}


def test_private_sectors_are_agent_sectors() -> None:
    from dyad._data import data_path, read_tsv
    from dyad.coding.grammar import load_grammar

    sectors = {
        row["sector"].lower()
        for _, row in read_tsv(data_path("actors", "agents.tsv"), ("term", "sector"))
    }
    private = load_grammar().private_sectors
    assert private and private <= sectors
    assert "gov" not in private and "mil" not in private


def test_grammar_rejects_a_weak_cue_mapping(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from dyad._data import data_path
    from dyad.coding.grammar import Grammar
    from dyad.errors import DataFileError

    raw = yaml.safe_load(data_path("grammar", "frames.yaml").read_text(encoding="utf-8"))
    raw["weak_cues"] = {"support.thank": 1}
    bad = tmp_path / "frames.yaml"
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match="weak_cues"):
        Grammar.from_file(bad)


def test_sense_data_name_lexicon_entries() -> None:
    """Cue ids in the sense lists of grammar/frames.yaml (person_object_cues,
    sense_exclusions) are lexicon ids, and the word lists are filled."""
    from dyad.coding.grammar import load_grammar

    g = load_grammar()
    ids = {c.id for c in load_lexicon().cues}
    assert g.person_object_cues and g.person_object_cues <= ids
    assert g.act_complement_cues and g.act_complement_cues <= ids
    assert g.sense_exclusions and set(g.sense_exclusions) <= ids
    assert all(words for words in g.sense_exclusions.values())
    assert {"plot", "lack"} <= g.unrealised_nouns
    assert {"against", "with"} <= g.blame_preps
    assert {"crash", "flood"} <= g.mishap_nouns
    assert "crash" in g.mishap_verbs and "storm" not in g.mishap_verbs
    assert {"ee", "ist"} <= g.people_suffixes
    assert {"hostage", "prisoner"} <= g.people_nouns
    # Violence itself is never a mishap: the list must not swallow real attacks.
    assert not g.mishap_nouns & {"attack", "bomb", "explosion", "clash", "fighting", "gunfire"}


def test_figurative_sense_lists_load() -> None:
    """The lists of other senses of force, consultation and agreement cues (abstract_subjects,
    counterpart_cues, opinion_codes) load, name lexicon ids, PLOVER types and CAMEO codes,
    and do not swallow the institutions and weapons that do act."""
    from dyad.coding.grammar import load_grammar
    from dyad.coding.ontology import load_ontology

    g = load_grammar()
    ids = {c.id for c in load_lexicon().cues}
    ontology = load_ontology()
    assert {"assault", "coerce"} <= g.abstract_subject_types
    assert {"view", "stance", "schedule", "politics"} <= g.abstract_subjects
    assert not g.abstract_subjects & {"law", "court", "decree", "ban", "missile", "police"}
    assert {"corruption", "decision", "bill"} <= g.abstract_targets
    assert not g.abstract_targets & {"position", "target", "base", "troop", "rebel"}
    assert g.counterpart_cues and g.counterpart_cues <= ids
    assert {"council", "cabinet"} <= g.assembly_nouns
    assert g.opinion_codes == {"agree": "019", "insist": "010"}
    assert set(g.verbal_attack_codes) <= ids
    assert all(code.startswith("11") for code in g.verbal_attack_codes.values())
    assert all(
        code in ontology and ontology[code].plover is None for code in g.opinion_codes.values()
    )
    # Cues that need what they act on say so with @dobj.
    needs_object = {c.id for c in load_lexicon().cues if "@dobj" in c.extra}
    assert {"coerce.starve", "coerce.disperse"} <= needs_object


def test_unrealised_act_lists_load() -> None:
    """The lists that flag acts spoken of but not done (near misses, counterfactuals,
    prevention, prospects, permission) load, and leave out the words that qualify acts that
    did happen."""
    from dyad.coding.grammar import load_grammar

    g = load_grammar()
    assert g.near_miss_adverbs == {"almost", "nearly"}  # not "narrowly": "narrowly won"
    assert "stop short of" in g.near_miss_phrases
    assert {"should", "could", "would"} <= g.counterfactual_aux
    assert "must" not in g.counterfactual_aux  # "must have fled" says they fled
    assert {"prevent", "avert", "postpone", "call off", "cancellation"} <= g.prevention_verbs
    # Stopping, halting or ending an act does not say it never happened.
    assert not g.prevention_verbs & {"halt", "stop", "end", "freeze"}
    assert "stop" in g.hindering_verbs
    assert "suspended" not in g.unrealised_modifiers  # "a suspended sentence" was passed
    assert {"possibility", "need", "hope", "dream"} <= g.modal_nouns
    assert "opportunity" not in g.modal_nouns  # "had the opportunity to meet" met
    assert {"allow", "permit"} <= g.permission_verbs


def test_grammar_rejects_a_sense_exclusion_string(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from dyad._data import data_path
    from dyad.coding.grammar import Grammar
    from dyad.errors import DataFileError

    raw = yaml.safe_load(data_path("grammar", "frames.yaml").read_text(encoding="utf-8"))
    raw["sense_exclusions"] = {"protest.rally-noun": "campaign"}
    bad = tmp_path / "frames.yaml"
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match="sense_exclusions"):
        Grammar.from_file(bad)
