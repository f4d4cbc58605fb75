"""Hypothesis settings for the fuzz tests, and the count of inputs they tried.

CI runs the ``ci`` profile (a modest number of examples per test); a longer local campaign:
``DYAD_FUZZ_EXAMPLES=5000 pytest tests/fuzz``. The number of inputs tried is printed at the
end of the run.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, settings

TRIED: Counter[str] = Counter()

settings.register_profile(
    "dyad-fuzz",
    max_examples=int(os.environ.get("DYAD_FUZZ_EXAMPLES") or 60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not os.environ.get("DYAD_FUZZ_EXAMPLES"),
    database=None,
)


def tried(name: str) -> None:
    """Count one input given to ``name`` (reported at the end of the run)."""
    TRIED[name] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TRIED:
        parts = ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items()))
        terminalreporter.write_line(f"fuzz: {sum(TRIED.values())} inputs tried ({parts})")
