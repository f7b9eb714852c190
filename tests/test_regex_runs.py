"""No catastrophic backtracking: the steps that run patterns over raw text, fed long runs of
the characters those patterns repeat, take time in proportion to the run.

Measured relatively in CPU time (a 4x longer run may take at most 10x longer: 4x is
linear, 16x quadratic), with a floor below which timings are noise, so a busy machine
fails nothing."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from marsad.clean.page import read_page
from marsad.extract import quantities, quotes, times
from marsad.extract.ner import find_mentions
from marsad.ingest import read_records
from marsad.ingest.decode import decode

# Runs of what patterns repeat (\s*, \d+, [^.]+, \S+@, quotation marks, dashes, bidi
# controls) and of words that open a rule (a verb of saying before «, a month, a number).
RUNS = [" ", "a", "ا", "ال ", "1", "١", "1 ", "1.", "1,", ".", "-", " -", "،", "\n", " \n",
        "«", '"', "'", "/", ":", "ـ", "\u064e", "(", "في ", "2015-", "@", "x@y.", "http://",
        "قال «", "وقال: \"", "يوم ", "25 ", "مليون ", "\u200f", "\u202e", "2015 - 2016 - ",
        "من يوليو حتى ", "الساعة 10:"]
STEPS: dict[str, Callable[[str], object]] = {
    "times": lambda s: times.tag(s, "2015-08-01"),
    "mentions": find_mentions,
    "quantities": quantities.find_quantities,
    "quotes": lambda s: quotes.find_quotes(s, find_mentions(s[:2000])),
    "page": read_page,
    "decode": lambda s: decode(s.encode("utf-8")),
    "record": lambda s: list(read_records(('{"text": "' + s.replace('"', "'")
                                           + '", "date_crawled": "' + s[:5000] + '"}')
                                          .encode(), "POST")),
}
SMALL, BIG = 5_000, 20_000
FLOOR = 0.1  # seconds: shorter runs are too noisy to compare
RATIO = 10


def _run(run: str, size: int) -> str:
    return (run * (size // len(run) + 1))[:size]


def _seconds(step: Callable[[str], object], text: str) -> float:
    gc.disable()  # a collection's pause depends on the heap, not on the input
    try:
        start = time.process_time()  # CPU time: other work on the machine does not count
        step(text)
        return time.process_time() - start
    finally:
        gc.enable()


@pytest.mark.parametrize("name", sorted(STEPS))
def test_long_runs_take_linear_time(name: str) -> None:
    step = STEPS[name]
    step("قال الوزير يوم الثلاثاء إن 25 شخصا قتلوا")  # warm: models and lexicons
    slow = []
    for run in RUNS:
        small = min(_seconds(step, _run(run, SMALL)) for _ in range(2))
        big = _seconds(step, _run(run, BIG))
        if big > FLOOR and big > RATIO * max(small, FLOOR / RATIO):
            small = min(small, _seconds(step, _run(run, SMALL)))  # once more: a busy moment?
            big = min(big, _seconds(step, _run(run, BIG)))
            if big > FLOOR and big > RATIO * max(small, FLOOR / RATIO):
                slow.append(f"{run!r}: {small:.3f} s at {SMALL:,}, {big:.3f} s at {BIG:,}")
    assert not slow, f"{name} grows faster than its input on: " + "; ".join(slow)


def test_a_run_of_50k_finishes_quickly() -> None:
    """The generous absolute bound: 50k of one character through every step."""
    for run in (" ", "1", "«", "x@y.", "قال «", "-"):
        text = _run(run, 50_000)
        for name, step in STEPS.items():
            assert _seconds(step, text) < 30, (name, run)
