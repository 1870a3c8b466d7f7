"""Import files of JSON Lines records for the bad-input tests."""

import json


def jsonl(tmp_path, *records, name="in.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records),
        encoding="utf-8",
    )
    return path


def record(**fields):
    return {"title": "Un titre", "body": "Un corps.", "date": "2024-05-02", **fields}
