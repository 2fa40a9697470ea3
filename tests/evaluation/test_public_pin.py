"""eval/pin_floors.py pins the public section from a CI-subset run and keeps the other section."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import REPO


@pytest.fixture
def pin(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("pin_floors", REPO / "eval" / "pin_floors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    floors = tmp_path / "floors.json"
    monkeypatch.setattr(module, "default_floors_path", lambda: floors)
    return module, floors


def _run(subset="ci", skipped=None):
    task = {
        "skipped": skipped,
        "fingerprint": "f" * 64,
        "metrics": {
            "rouge2": {"newsdesk": 0.105, "lead-3": 0.2},
            "words": {"newsdesk": 35.0},
            "empty": {"newsdesk": 0.25},
            "lexrank_only": {"lexrank": 0.5},
        },
    }
    return {"public": {"subset": subset, "tasks": {"summary": task}}}


def test_pinning_public_keeps_the_demo_section(pin, tmp_path):
    module, floors = pin
    demo = {"demo": {"gold_sha256": "0" * 64, "floors": {"a": 0.5}, "ceilings": {}}}
    floors.write_text(json.dumps({"sets": demo}))
    run = tmp_path / "run.json"
    run.write_text(json.dumps(_run()))
    module.main(["--public", str(run)])
    pinned = json.loads(floors.read_text())
    assert pinned["sets"] == demo
    public = pinned["public"]
    assert public["subset"] == "ci" and public["fingerprints"] == {"summary": "f" * 64}
    assert public["floors"] == {"summary.rouge2": 0.07}  # peers' and descriptive metrics left out
    assert public["ceilings"] == {"summary.empty": 0.28}


def test_pinning_public_refuses_full_runs_and_skipped_tasks(pin, tmp_path):
    module, _ = pin
    for run_data in (_run(subset="full"), _run(skipped="absent")):
        run = tmp_path / "run.json"
        run.write_text(json.dumps(run_data))
        with pytest.raises(SystemExit):
            module.main(["--public", str(run)])
