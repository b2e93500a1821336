"""Split bench/ecbplus.jsonl into the stories dev set (ECB+ topics 1-35) and the held-out test set (topics 36-45).

The split is the one the ECB+ literature uses for its test set (Cybulska and Vossen 2015: topics 36-45 are test).
Story grouping is developed and tuned on the dev part only; the test part is measured, never tuned on.
Usage: python devsets/stories/split_ecbplus.py OUT_DIR  (writes ecbplus_dev.jsonl and ecbplus_test.jsonl)
"""

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ecbplus.jsonl"
FIRST_TEST_TOPIC = 36


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with BENCH.open(encoding="utf-8") as f, (out / "ecbplus_dev.jsonl").open("w", encoding="utf-8") as dev, \
            (out / "ecbplus_test.jsonl").open("w", encoding="utf-8") as test:
        for line in f:
            topic = int(json.loads(line)["cluster"].split("_")[0])
            (test if topic >= FIRST_TEST_TOPIC else dev).write(line)


if __name__ == "__main__":
    main()
