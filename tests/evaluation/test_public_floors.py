"""newsdesk on the public sets' CI subset: no metric past its pinned floor, gold unchanged.

The sets are read from ``../shared/data`` (or ``$NEWSDESK_EVAL_DATA``) and never copied into the
repository; the test skips when they are absent. Only newsdesk runs here: the peers' scores are
not pinned (they run with ``newsdesk eval --suite public``; see docs/evaluation.md).
"""

from __future__ import annotations

import json

import pytest

from newsdesk.evaluation.harness import load_floors
from newsdesk.evaluation.public import TASKS, default_data_dir, run_public
from newsdesk.evaluation.public.floors import check_public_floors
from newsdesk.evaluation.public.report import format_tables

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data_dir():
    directory = default_data_dir()
    if not directory.is_dir():
        pytest.skip(f"{directory} is not present")
    return directory


def test_floors_file_pins_every_public_task():
    spec = load_floors()["public"]
    assert spec["subset"] == "ci"
    assert set(spec["fingerprints"]) == set(TASKS)
    assert {metric.split(".", 1)[0] for metric in spec["floors"]} == set(TASKS)
    for key in ("extraction.f1", "clustering.giveme.bcubed_f1", "clustering.ecbplus.bcubed_f1",
                "quotes.speaker_accuracy", "summary.rouge2", "timeline.f1",
                "entities.when_accuracy"):  # fmt: skip
        assert key in spec["floors"]


def test_no_public_metric_below_its_floor(data_dir):
    results = run_public(data_dir, "ci", peers=False)
    print(format_tables(results))
    failures = check_public_floors(results, load_floors())
    assert failures == [], json.dumps(failures, indent=2)
