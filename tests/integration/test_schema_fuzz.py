"""schemathesis against the API's own OpenAPI schema, in-process: whatever it generates
(valid and invalid), every operation answers without a 5xx. A bounded number of examples per
operation; ``DYAD_FUZZ_EXAMPLES`` raises it. Routes added later are covered as they appear
in the schema."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from dyad.api import create_app
from dyad.ingest import ingest_articles
from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.store import Store
from dyad.types import Article
from tests.conftest import EXAMPLES
from tests.fuzz.conftest import tried

pytestmark = pytest.mark.model
KEY = "schema-key"
EXAMPLES_PER_OPERATION = int(os.environ.get("DYAD_FUZZ_EXAMPLES") or 20)


def test_no_operation_answers_5xx(store_url: str, pipeline: Pipeline) -> None:
    articles = [a for a in read_paths(sorted(EXAMPLES.glob("*.txt"))) if isinstance(a, Article)]
    with Store(store_url) as store:
        ingest_articles(store, articles, pipeline=pipeline)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store_url, api_key=KEY))
    seen = []
    for result in schema.get_all_operations():
        op = result.ok()
        seen.append(f"{op.method.upper()} {op.path}")
        headers = {"X-API-Key": KEY} if op.method.upper() == "POST" else None
        examples = EXAMPLES_PER_OPERATION // (4 if op.method.upper() == "POST" else 1)

        _fuzz(op, seen[-1], headers, examples)
    assert {"GET /events", "POST /articles", "GET /dyads/{a}/{b}/series"} <= set(seen)


def _fuzz(op: Any, name: str, headers: dict[str, str] | None, examples: int) -> None:
    @given(case=op.as_strategy())
    @settings(
        max_examples=max(examples, 1),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=not os.environ.get("DYAD_FUZZ_EXAMPLES"),
        database=None,
    )
    def run(case: Any) -> None:
        tried(f"schemathesis {name}")
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    run()
