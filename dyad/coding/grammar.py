"""The word lists behind the coder's general rules (``dyad/data/grammar/frames.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from dyad._data import data_path
from dyad.errors import DataFileError

__all__ = ["Grammar", "load_grammar"]


@dataclass(frozen=True, slots=True)
class Grammar:
    light_verbs: frozenset[str]
    carrier_preps: frozenset[str]
    planning_verbs: frozenset[str]
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    embedding_roots: frozenset[str]
    reporting_roots: frozenset[str]
    threat_modes: dict[str, str]
    threat_codes: dict[str, str]
    speaker_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    clause_pronouns: frozenset[str]
    ready_adjectives: frozenset[str]
    planned_modifiers: frozenset[str]
    deontic_aux: frozenset[str]
    command_verbs: frozenset[str]
    giving_verbs: frozenset[str]
    grounds_verbs: frozenset[str]
    seat_verbs: frozenset[str]
    custody_nouns: frozenset[str]
    blame_preps: frozenset[str]
    joint_codes: dict[str, str]
    negated_codes: dict[str, str]
    ultimatum_marks: dict[str, str]
    weak_cues: frozenset[str]
    private_sectors: frozenset[str]
    unrealised_nouns: frozenset[str]
    near_miss_adverbs: frozenset[str]
    near_miss_phrases: frozenset[str]
    counterfactual_aux: frozenset[str]
    prevention_verbs: frozenset[str]
    hindering_verbs: frozenset[str]
    unrealised_modifiers: frozenset[str]
    modal_nouns: frozenset[str]
    permission_verbs: frozenset[str]
    background_preps: frozenset[str]
    yes_no_openers: frozenset[str]
    mishap_nouns: frozenset[str]
    person_object_cues: frozenset[str]
    people_nouns: frozenset[str]
    people_suffixes: frozenset[str]
    mishap_verbs: frozenset[str]
    sense_exclusions: dict[str, frozenset[str]]
    abstract_subject_types: frozenset[str]
    abstract_subjects: frozenset[str]
    abstract_targets: frozenset[str]
    verbal_attack_codes: dict[str, str]
    counterpart_cues: frozenset[str]
    assembly_nouns: frozenset[str]
    opinion_codes: dict[str, str]
    act_complement_cues: frozenset[str]

    @classmethod
    def from_file(cls, path: Path) -> Grammar:
        try:
            raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"{path}: {exc}") from exc
        if not isinstance(raw, dict):
            raise DataFileError(f"{path}: expected a mapping of word lists")
        values: dict[str, Any] = {}
        # Every field is a word list, except the maps of word or id to a code (typed
        # dict[str, str]) and the map of cue id to word list.
        for f in fields(cls):
            value = raw.get(f.name)
            if f.name == "sense_exclusions":
                if not isinstance(value, dict) or not all(
                    isinstance(v, list) and all(isinstance(w, str) for w in v)
                    for v in value.values()
                ):
                    raise DataFileError(f"{path}: {f.name!r} must map cue ids to word lists")
                values[f.name] = {str(k): frozenset(w.lower() for w in v) for k, v in value.items()}
            elif str(f.type) == "dict[str, str]":
                if not isinstance(value, dict):
                    raise DataFileError(f"{path}: {f.name!r} must be a mapping")
                values[f.name] = {str(k): str(v) for k, v in value.items()}
            else:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise DataFileError(f"{path}: {f.name!r} must be a list of strings")
                values[f.name] = frozenset(v.lower() for v in value)
        return cls(**values)


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    return Grammar.from_file(data_path("grammar", "frames.yaml"))
