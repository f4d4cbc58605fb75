"""CAMEO codes, Goldstein values, quad classes and the CAMEO→PLOVER map, from data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad._data import data_path, read_tsv
from dyad.errors import DataFileError

__all__ = [
    "PLOVER_TYPES",
    "CameoCode",
    "Ontology",
    "load_ontology",
    "penta_class",
]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad: int
    plover: str | None
    mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def penta_class(cameo: str) -> int:
    """ConfliBERT's five classes: 0 statement, 1 verbal coop, 2 material coop,
    3 verbal conflict (incl. 16 sanctions), 4 material conflict."""
    root = int(cameo[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


class Ontology:
    """Lookup of CAMEO codes and the intent codes used for planned actions."""

    def __init__(self, codes: dict[str, CameoCode], intent: dict[str, str]) -> None:
        self.codes = codes
        self.intent = intent

    def __getitem__(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def intent_code(self, plover: str | None) -> str:
        """CAMEO code for the intention to carry out an action of PLOVER type ``plover``."""
        return self.intent.get(plover or "", self.intent.get("*", "030"))

    @classmethod
    def from_files(cls, cameo: Path, intent: Path) -> Ontology:
        codes: dict[str, CameoCode] = {}
        for lineno, row in read_tsv(
            cameo, ("code", "name", "goldstein", "quad"), ("plover", "mode")
        ):
            code = row["code"]
            if code in codes:
                raise DataFileError(f"{cameo}:{lineno}: duplicate code {code}")
            try:
                gold = float(row["goldstein"])
                quad = int(row["quad"])
            except ValueError as exc:
                raise DataFileError(f"{cameo}:{lineno}: {exc}") from exc
            plover = row["plover"] or None
            if plover is not None and plover not in PLOVER_TYPES:
                raise DataFileError(f"{cameo}:{lineno}: unknown PLOVER type {plover}")
            codes[code] = CameoCode(code, row["name"], gold, quad, plover, row["mode"] or None)
        intents = {row["plover"]: row["cameo"] for _, row in read_tsv(intent, ("plover", "cameo"))}
        for plover, code in intents.items():
            if code not in codes:
                raise DataFileError(f"{intent}: intent code {code} for {plover} is not in {cameo}")
        return cls(codes, intents)


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The shipped ontology, loaded once per process."""
    return Ontology.from_files(
        data_path("ontology", "cameo.tsv"), data_path("ontology", "intent.tsv")
    )
