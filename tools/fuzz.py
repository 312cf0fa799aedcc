"""Run the pipeline fuzz tests (tests/test_fuzz_pipeline.py) for a fixed time.

`make fuzz` runs this for ten minutes: round after round of fresh random examples, until
the time is up or an example fails (then Hypothesis prints the shrunk failing input and
the exit code is 1).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--examples", type=int, default=200, help="examples per round")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    os.environ["FUZZ_EXAMPLES"] = str(args.examples)
    import test_fuzz_pipeline as fuzz
    from hypothesis import seed

    tests = [
        fuzz.test_fuzz_pipeline_never_crashes_and_conforms,
        fuzz.test_fuzz_segment_units_are_exact_sorted_and_disjoint,
    ]
    started, rounds, examples = time.monotonic(), 0, 0
    while time.monotonic() - started < args.minutes * 60:
        for test in tests:
            seed(rounds)(test)()
            examples += args.examples
        rounds += 1
        elapsed = time.monotonic() - started
        print(f"round {rounds}: {examples} examples, {elapsed:.0f} s, no failure", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
