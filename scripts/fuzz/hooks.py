"""Schemathesis hooks for `npm run fuzz` and the short run in the tests.

The driver (scripts/fuzz/run.ts) signs up a user, creates the resources the operations name, and
passes them in the environment: FUZZ_API, FUZZ_EMAIL, FUZZ_PASSWORD, FUZZ_COUNTS (a file this module
appends one line per response to, for the request and server-error counts).
"""

import ipaddress
import json
import os
import secrets
import threading

import requests
import schemathesis

API = os.environ["FUZZ_API"]
_counts_lock = threading.Lock()
_counts_file = os.environ["FUZZ_COUNTS"]


def _client_address() -> str:
    # Each call comes from an address of its own, as many clients behind the load balancer would:
    # the per-address refusal allowance is there for one attacker, and one fuzzer from one address
    # would spend the run on 429s. Per-account limits still apply and answer 429 (declared). Not
    # `random`: Hypothesis owns that generator inside the test and warns when a hook draws from it.
    return str(ipaddress.IPv4Address(0x0B000000 + secrets.randbits(24)))


@schemathesis.auth(refresh_interval=600, retry_on=[])
class PasswordLogin:
    """A fresh access token every 10 minutes (they live 15), from the fuzz user's password."""

    def get(self, case, context):
        response = requests.post(
            f"{API}/v1/auth/login",
            json={"email": os.environ["FUZZ_EMAIL"], "password": os.environ["FUZZ_PASSWORD"], "refreshTokenIn": "body"},
            headers={"x-forwarded-for": _client_address()},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()["accessToken"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


@schemathesis.hook
def before_call(context, case, kwargs):
    case.headers = case.headers or {}
    case.headers["x-forwarded-for"] = _client_address()


@schemathesis.hook
def after_call(context, case, response):
    line = json.dumps({"status": response.status_code, "operation": case.operation.label})
    with _counts_lock, open(_counts_file, "a", encoding="utf-8") as counts:
        counts.write(line + "\n")


@schemathesis.check
def problem_json_errors(ctx, response, case):
    """Every 4xx and 5xx is application/problem+json with a stable UPPER_SNAKE `code` and the `status`."""
    if response.status_code < 400:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"{response.status_code} answered {content_type or 'no content type'}, not application/problem+json")
    try:
        body = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"{response.status_code} problem+json body is not JSON") from None
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, str) or not code.replace("_", "").isalnum() or code.upper() != code:
        raise AssertionError(f"{response.status_code} problem+json has no UPPER_SNAKE code")
    if body.get("status") != response.status_code:
        raise AssertionError(f"problem+json status {body.get('status')!r} differs from the HTTP status {response.status_code}")
    return None
