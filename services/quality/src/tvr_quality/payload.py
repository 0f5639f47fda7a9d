"""The quality queue's payload, checked against the JSON Schema generated from the TypeScript zod schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]  # no type information published


class BadPayload(ValueError):
    pass


@dataclass(frozen=True)
class QualityPayload:
    run_id: str
    period: str


class PayloadValidator:
    def __init__(self, schema_path: Path) -> None:
        schema = json.loads(schema_path.read_text())
        self._validator = Draft202012Validator(schema, format_checker=FormatChecker())

    def parse(self, data: Any) -> QualityPayload:
        errors = sorted(self._validator.iter_errors(data), key=lambda e: list(e.path))
        if errors:
            raise BadPayload("; ".join(f"{'/'.join(map(str, e.path)) or 'payload'}: {e.message}" for e in errors))
        return QualityPayload(run_id=data["runId"], period=data["period"])
