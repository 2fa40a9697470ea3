"""`newsdesk eval` on the shipped labelled sets: no metric below its pinned floor, gold unchanged."""

from __future__ import annotations

import json

import pytest

from newsdesk.evaluation.harness import (
    check_floors,
    default_floors_path,
    format_table,
    labelled_sets,
    load_floors,
    run_all,
)  # fmt: skip

pytestmark = pytest.mark.slow


def test_floors_file_pins_every_set_and_its_gold():
    pinned = load_floors()
    assert default_floors_path().exists()
    assert set(pinned["sets"]) == set(labelled_sets())
    for spec in pinned["sets"].values():
        assert len(spec["gold_sha256"]) == 64 and spec["floors"]


def test_check_floors_catches_drops_missing_metrics_and_edited_gold():
    name = next(iter(labelled_sets()))
    pinned = {
        "sets": {
            name: {"gold_sha256": "0" * 64, "floors": {"a": 0.9, "b": 0.5}, "ceilings": {"c": 0}}
        }
    }
    failures = check_floors({name: {"a": 0.8, "c": 1}}, pinned)
    assert any("gold.json changed" in f for f in failures)
    assert any("a = 0.800 < floor 0.9" in f for f in failures)
    assert any("b was not produced" in f for f in failures)
    assert any("c = 1.000 > ceiling 0" in f for f in failures)


def test_no_metric_below_its_floor():
    results = run_all()
    pinned = load_floors()
    failures = check_floors(results, pinned)
    print(format_table(results, pinned))
    assert failures == [], json.dumps(failures, indent=2)
