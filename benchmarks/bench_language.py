"""Words per second of the whole language layer, next to bare ``nlp.pipe`` of the same model.

Texts: the demo corpus's articles (and the shared seeds when present beside the checkout), repeated
``--copies`` times. Both sides run on the same texts in the same process; best of ``--repeat``.
Peak memory is the process's maximum resident set size at the end.
"""

from __future__ import annotations

import argparse
import resource
from pathlib import Path

from newsdesk import jobs
from newsdesk.ingest import extract_paths
from newsdesk.model import Article
from newsdesk.nlp import measure_speed

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    inputs = jobs.demo_inputs() + (sorted(map(str, SEEDS.glob("*.txt"))) if SEEDS.is_dir() else [])
    texts = [a.text for a in extract_paths(inputs) if isinstance(a, Article)] * args.copies
    result = measure_speed(texts, repeat=args.repeat)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts: {len(texts)}, words: {int(result['words'])}")
    print(f"bare nlp.pipe:          {result['bare_words_per_s']:8.0f} words/s")
    print(f"newsdesk language layer:{result['layer_words_per_s']:8.0f} words/s")
    print(f"overhead: {result['ratio']:.2f}x (target < 1.5x); peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
