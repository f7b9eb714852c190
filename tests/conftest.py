from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples" / "kazakhstan-2022"


@pytest.fixture
def example_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
