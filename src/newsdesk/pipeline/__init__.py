"""Stages, the runner that caches and batches them, and the executors that run the batches."""

from newsdesk.pipeline.executors import (
    Executor,
    ProcessExecutor,
    SerialExecutor,
    close_executor,
    make_executor,
)
from newsdesk.pipeline.runner import StageResult, run_batch, run_stage
from newsdesk.pipeline.stage import Stage

__all__ = [
    "Executor",
    "ProcessExecutor",
    "SerialExecutor",
    "Stage",
    "StageResult",
    "close_executor",
    "make_executor",
    "run_batch",
    "run_stage",
]
