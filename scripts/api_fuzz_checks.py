"""Schemathesis checks of our own (scripts/api-fuzz.sh loads them with SCHEMATHESIS_HOOKS).

Every error answer of the API is an RFC 9457 problem detail with a stable `code` (docs/platform-server.md).
"""
import json

import schemathesis


@schemathesis.check
def problem_details_with_code(ctx, response, case):
    """A 4xx or 5xx answer is application/problem+json with a `code`."""
    if response.status_code < 400:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"{response.status_code} answered as {content_type or 'no content type'}, "
                             "not application/problem+json")
    try:
        body = json.loads(response.content)
    except ValueError as e:
        raise AssertionError(f"{response.status_code} problem detail is not JSON: {e}") from e
    if not isinstance(body, dict) or not body.get("code"):
        raise AssertionError(f"{response.status_code} problem detail has no code: {response.content[:200]!r}")
    return None
