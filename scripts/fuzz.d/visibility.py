"""schemathesis check for scripts/fuzz: every record an API answer shows must be visible to the caller.

FUZZ_VISIBLE_OWNERS holds the staff ids whose records the caller may see (empty: everything, the administrator).
A record is visible when its owner_id or aftersale_owner_id is one of them; a record with neither set is unowned.
"""
import os

import schemathesis

_VISIBLE = {int(x) for x in os.environ.get("FUZZ_VISIBLE_OWNERS", "").split(",") if x.strip()}


def _records(value):
    if isinstance(value, dict):
        if "owner_id" in value or "aftersale_owner_id" in value:
            yield value
        for child in value.values():
            yield from _records(child)
    elif isinstance(value, list):
        for child in value:
            yield from _records(child)


@schemathesis.check
def visibility(ctx, response, case):
    """A record owned by someone outside the caller's visibility is a leak."""
    if not _VISIBLE or not (200 <= response.status_code < 300):
        return None
    try:
        body = response.json()
    except Exception:
        return None
    for record in _records(body):
        owners = {record.get("owner_id"), record.get("aftersale_owner_id")} - {None}
        if owners and not owners & _VISIBLE:
            raise AssertionError(f"record {record.get('id', record.get('uid'))} owned by {sorted(owners)} is outside the caller's visibility")
    return None


_IDS = [int(x) for x in os.environ.get("FUZZ_IDS", "").split(",") if x.strip()]


@schemathesis.hook
def flatmap_path_parameters(ctx, path_parameters):
    """An `{id}` is mostly one that exists (the caller's own, another matchmaker's, unowned), so answers reach the records."""
    from hypothesis import strategies as st

    if path_parameters and "id" in path_parameters and _IDS:
        return st.one_of(st.just(path_parameters), st.sampled_from(_IDS).map(lambda i: {**path_parameters, "id": i}))
    return st.just(path_parameters)
