"""Serve: write what marsad found as dossier.json and as a report to open in a browser."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.records import Dossier
from marsad.serve.report import render_report

__all__ = ["dossier_schema", "render_report", "validate", "write_dossier", "write_report"]


@cache
def dossier_schema() -> dict[str, Any]:
    """The JSON Schema that every dossier.json follows."""
    text = resources.files("marsad.serve").joinpath("dossier.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate(data: dict[str, Any]) -> list[str]:
    """Schema violations in a dossier as readable messages (empty when valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(dossier_schema())
    return [f"{'/'.join(str(p) for p in err.absolute_path) or '(root)'}: {err.message}"
            for err in validator.iter_errors(data)]


def write_dossier(dossier: Dossier, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dossier.to_dict(), ensure_ascii=False, indent=1), "utf-8")
    return path


def write_report(dossier: Dossier, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(dossier), "utf-8")
    return path
