"""What the secretariat's envelope adds per scorecard (issue 13): seal at export, open at
merge and verify. Prints medians per file for a scorecard-sized content.

    .venv/bin/python benchmarks/bench_envelope.py [--count 200] [--size 300000]

A signed scorecard is 100-300 KB; rendering and signing cost ~45 ms and verification
~7 ms (bench_scorecards.py), so the envelope should stay well under a millisecond or two.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from qz_evaluator.trust import certificates, envelope


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--size", type=int, default=300_000)
    args = parser.parse_args()
    root_key, root = certificates.create_committee_root("基准测试委员会")
    key, csr = certificates.create_secretariat_request()
    cert = certificates.issue_signing_certificate(csr, root_key, root)
    content = os.urandom(args.size)
    seal, opened = [], []
    for _ in range(args.count):
        start = time.perf_counter()
        sealed = envelope.seal(content, cert)
        seal.append(time.perf_counter() - start)
        start = time.perf_counter()
        assert envelope.open_envelope(sealed, key, cert) == content
        opened.append(time.perf_counter() - start)
    overhead = len(sealed) - len(content)
    print(f"{args.count} envelopes of {args.size:,} bytes (envelope adds {overhead} bytes)")
    print(f"seal  median {statistics.median(seal) * 1000:.2f} ms")
    print(f"open  median {statistics.median(opened) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
