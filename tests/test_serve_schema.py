"""Property-based fuzzing of the whole API from its own OpenAPI document (schemathesis), against a
real server on SQLite and on PostgreSQL: no request, valid or not, makes a server error, every
answer has the documented status, media type and shape, and requests that break the schema are
refused.

Not checked: that every schema-valid request succeeds (`positive_data_acceptance`). A cursor is
opaque, a body needs exactly one of text/html/fetch and an article may be rejected for its
content: a schema cannot say these, so such requests rightly answer 400 or 422.
"""

from __future__ import annotations

import schemathesis
from schemathesis import GenerationMode
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

import pytest
from serve_corpus import CORPUS
from serve_process import TOKEN, running
from test_store_backends import BACKENDS, store_url

from polemos.serve import ServeSettings, create_app


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx, value):  # type: ignore[no-untyped-def]
    """A JSON Lines body: strings go as they are (any bytes are a fair test), other values as one JSON line."""
    import json

    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else (json.dumps(value) + "\n").encode()


@pytest.fixture(scope="module", params=BACKENDS)
def base(request, tmp_path_factory):
    from polemos.batch import ingest
    from polemos.store import Store

    tmp = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    where = store_url(request.param, tmp)
    url = next(where)
    with Store(url) as store:
        ingest(list(CORPUS[:6]), store)
    with running(url, tmp) as found:
        yield found
    next(where, None)


# The operations come from the app's own OpenAPI document (the one the server publishes at /openapi.json).
SCHEMA = schemathesis.openapi.from_dict(create_app(ServeSettings()).openapi())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
RAW = create_app(ServeSettings()).openapi()["paths"]
CASES = [(operation, mode) for operation in OPERATIONS for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
         # a request without parameters or body has nothing to break
         if mode is GenerationMode.POSITIVE or any(k in RAW[operation.path][operation.method.lower()]
                                                   for k in ("parameters", "requestBody"))]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          negative_data_rejection]


@pytest.mark.parametrize(("operation", "mode"), CASES, ids=[f"{o.label} {m.value}" for o, m in CASES])
def test_no_request_makes_a_server_error_and_every_answer_is_as_documented(base, operation, mode):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=20, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):  # type: ignore[no-untyped-def]
        case.call_and_validate(base_url=base, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120, checks=CHECKS)

    run()
