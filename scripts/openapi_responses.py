"""Writes api/openapi_responses.json: for each operation api/openapi_examples.yaml gives a
`responses:` media type, the answer a running server gives to its example request, every list cut
to its first item (api.openapi.shortened). Run after a change to the graph or to an answer's shape:

    python scripts/openapi_responses.py http://127.0.0.1:8000
"""
from __future__ import annotations

import json
import sys

import httpx

from api.openapi import RESPONSES, example_request, load_examples, shortened


def main(base_url: str) -> None:
    answers = {}
    with httpx.Client(base_url=base_url, timeout=30) as http:
        for path, operations in load_examples().items():
            for method, entry in operations.items():
                if "responses" not in entry:
                    continue
                url, params, headers, body = example_request(path, entry)
                reply = http.request(method.upper(), url, params=params, headers=headers,
                                     content=body)
                if reply.status_code != 200:
                    raise SystemExit(f"{method.upper()} {reply.url}: {reply.status_code} "
                                     f"{reply.text[:300]}")
                answers[f"{method.upper()} {path}"] = shortened(reply.json())
    RESPONSES.write_text(json.dumps(answers, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    print(f"wrote {len(answers)} answers to {RESPONSES}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
