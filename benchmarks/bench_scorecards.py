"""Render, sign and verify 200 scorecards; print medians per scorecard and file sizes.

    .venv/bin/python benchmarks/bench_scorecards.py [--count 200]

Uses an in-memory keychain (the keychain costs ~20 ms once per export batch, not per
file). Targets from issue 3: render ≈ 25 ms, sign ≈ 19 ms, verify ≈ 7 ms on this kind
of machine; a whole export within 1.5× of render + sign.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from qz_evaluator.assets import criteria_set, get_asset
from qz_evaluator.documents.scorecard_pdf import render_scorecard
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus
from qz_evaluator.services import demo, scorecard_files
from qz_evaluator.services.identity import SigningIdentity
from qz_evaluator.store.workspace import Role
from qz_evaluator.trust.pdf_attachments import embed_file
from qz_evaluator.trust.pdf_signing import sign_pdf


def documents(count: int, folder: Path) -> list[scd.ScorecardDocument]:
    rng = random.Random(19580)
    comments = json.loads((get_asset("demo", "comments.json")).read_text("utf-8"))["items"]
    criteria = criteria_set()
    with demo.build_demo(folder / "bench.qzw", role=Role.SECRETARIAT) as workspace:
        members = workspace.panel_members()
        round_ = workspace.round(demo.SITE_ROUND)
        result = []
        for index in range(count):
            member = members[index % len(members)]
            entries = {
                item.code: ItemEntry(
                    item.code,
                    percent=rng.choice(range(30, 75, 5)),
                    strengths=rng.choice(comments[item.code]["strengths"]),
                    ofis=rng.choice(comments[item.code]["ofis"]),
                    evidence=rng.choice(comments[item.code]["evidence"]),
                )
                for item in criteria.items
            }
            card = Scorecard(
                round_.code,
                member.credit_code,
                member.evaluator_code,
                criteria.id,
                ScorecardStatus.FINAL,
                entries=entries,
            )
            result.append(
                scd.build_document(
                    card,
                    workspace_id=workspace.workspace_id,
                    criteria=criteria,
                    round_=round_,
                    candidate=workspace.candidate(member.credit_code),
                    evaluator=workspace.evaluator(member.evaluator_code),
                    revision=1,
                    created_at="2026-11-01T08:00:00+00:00",
                    updated_at="2026-11-02T09:00:00+00:00",
                    exported_at="2026-11-02T09:30:00+00:00",
                )
            )
    return result


def ms(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1000:6.1f} ms, p90 "
        f"{statistics.quantiles(samples, n=10)[-1] * 1000:6.1f} ms"
    )


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support: not installed
    from tests.support.trust import install_memory_keychain, new_committee, new_evaluator

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    count = parser.parse_args().count
    install_memory_keychain()
    criteria = criteria_set()
    committee = new_committee()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs = documents(count, folder)
        signers = {}
        render_t, sign_t, verify_t, export_t, sizes = [], [], [], [], []
        render_scorecard(docs[0], criteria)  # font loading is a one-off cost
        for document in docs:
            code = document.evaluator.code
            if code not in signers:
                person = new_evaluator(committee, code, document.evaluator.name)
                signers[code] = SigningIdentity(person.key, person.cert, [committee.cert])
            signer = signers[code]
            start = time.perf_counter()
            pdf = render_scorecard(document, criteria)
            render_t.append(time.perf_counter() - start)
            start = time.perf_counter()
            attached = embed_file(pdf, "scorecard.json", scd.to_bytes(document))
            signed = sign_pdf(attached, signer.key, signer.cert, signer.chain)
            sign_t.append(time.perf_counter() - start)
            start = time.perf_counter()
            check = scorecard_files.check_scorecard_bytes(signed, committee.cert, "bench")
            verify_t.append(time.perf_counter() - start)
            assert check.valid, check.message
            start = time.perf_counter()
            out = folder / scorecard_files.file_name(document)
            out.write_bytes(scorecard_files.signed_scorecard_pdf(document, signer))
            export_t.append(time.perf_counter() - start)
            sizes.append(len(signed))
    print(f"scorecards: {count} (23 items, demo-length strengths/OFIs/evidence each)")
    print(f"render (reportlab):               {ms(render_t)}")
    print(f"attach + sign (pyHanko PAdES B-B): {ms(sign_t)}")
    print(f"verify (signature + chain + json): {ms(verify_t)}")
    print(f"export (render+attach+sign+write): {ms(export_t)}")
    ratio = statistics.median(export_t) / (statistics.median(render_t) + statistics.median(sign_t))
    print(f"export / (render + sign):          {ratio:.2f}x")
    print(
        f"PDF size: median {statistics.median(sizes) / 1024:.0f} KiB, "
        f"max {max(sizes) / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
