"""Merge throughput for 1,000 and 5,000 signed scorecards (scorecards/s, peak memory).

    .venv/bin/python benchmarks/bench_merge.py [--counts 1000 5000] [--workers 2]

Builds a secretariat workspace with enough candidates for panels of five, enrols the 35
evaluators, and signs one scorecard per (evaluator, candidate) pair: real scorecard.json,
real PAdES signatures, ~120 KB files like real ones (the pages are one rendered template,
which verification does not look at). Target from issue 4: ≥ 100 scorecards/s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents.scorecard_pdf import render_scorecard
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.roster import PanelMember, PanelRole
from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus
from qz_evaluator.services import demo, identity, merge
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates, keychain
from qz_evaluator.trust.pdf_attachments import embed_file
from qz_evaluator.trust.pdf_signing import sign_pdf

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
COUNTIES = {
    "柯城区": "330802",
    "衢江区": "330803",
    "常山县": "330822",
    "开化县": "330824",
    "龙游县": "330825",
    "江山市": "330881",
}


def install_memory_keychain() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support: not installed
    from tests.support import trust

    trust.install_memory_keychain()


def build(folder: Path, count: int) -> tuple[Path, Path]:
    install_memory_keychain()
    rng = random.Random(count)
    workspace = demo.build_demo(folder / "sec.qzw", role=Role.SECRETARIAT)
    identity.create_committee_root(workspace, "基准测试根证书")
    root = identity.committee_root(workspace)
    ca_key = keychain.load_private_key(identity.root_key_name(workspace))
    signers = {}
    for evaluator in workspace.evaluators():
        key, csr = certificates.create_evaluator_request(evaluator.code, evaluator.name)
        cert = certificates.issue_evaluator_certificate(
            csr, ca_key, root, expected_code=evaluator.code
        )
        workspace.set_certificate_fingerprint(evaluator.code, certificates.fingerprint(cert))
        # Worker processes cannot receive key objects; PEM is fine for a throw-away benchmark.
        signers[evaluator.code] = (
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
            certificates.certificate_pem(cert),
        )
    codes = [e.code for e in workspace.evaluators()]
    needed = -(-count // 5)
    existing = [c.credit_code for c in workspace.candidates()]
    with workspace.transaction():
        for index in range(max(0, needed - len(existing))):
            county = rng.choice(list(COUNTIES))
            body = "91" + COUNTIES[county] + "MA" + "".join(rng.choice(ALPHABET) for _ in range(7))
            code = body + check_character(body)
            workspace.upsert_candidate(
                Candidate(code, f"基准测试单位{index:05d}有限公司", county, "新材料", Tier.SEED)
            )
            existing.append(code)
        for credit_code in existing[:needed]:
            workspace.remove_panel(demo.SITE_ROUND, credit_code)
            barred = {c.evaluator_code for c in workspace.conflicts(credit_code=credit_code)}
            panel = rng.sample([c for c in codes if c not in barred], 5)
            for position, evaluator_code in enumerate(panel):
                workspace.add_panel_member(
                    PanelMember(
                        demo.SITE_ROUND,
                        credit_code,
                        evaluator_code,
                        PanelRole.LEADER if position == 0 else PanelRole.MEMBER,
                    )
                )
    criteria = criteria_set()
    round_ = workspace.round(demo.SITE_ROUND)
    jobs = []
    for member in workspace.panel_members(round_code=demo.SITE_ROUND)[:count]:
        entries = {
            i.code: ItemEntry(
                i.code,
                rng.choice(range(30, 80, 5)),
                "方法系统，展开充分。",
                "学习改进有待加强。",
                "查阅文件",
            )
            for i in criteria.items
        }
        card = Scorecard(
            round_.code,
            member.credit_code,
            member.evaluator_code,
            criteria.id,
            ScorecardStatus.FINAL,
            entries=entries,
        )
        jobs.append(
            scd.build_document(
                card,
                workspace_id="bench",
                criteria=criteria,
                round_=round_,
                candidate=workspace.candidate(member.credit_code),
                evaluator=workspace.evaluator(member.evaluator_code),
                revision=1,
                created_at="c",
                updated_at="u",
                exported_at="2026-11-26T10:00:00+00:00",
                # A final scorecard records when the declaration was affirmed (version 2).
                declaration_affirmed_at="2026-11-26T09:00:00+00:00",
            )
        )
    first = jobs[0]
    template = render_scorecard(first, criteria)
    out = folder / "inbox"
    out.mkdir()
    workspace.close()
    root_pem = certificates.certificate_pem(root)
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(
            pool.map(
                _sign,
                [
                    (
                        template,
                        document,
                        signers[document.evaluator.code],
                        root_pem,
                        out / f"{n:05d}.pdf",
                    )
                    for n, document in enumerate(jobs)
                ],
                chunksize=16,
            )
        )
    return folder / "sec.qzw", out


Job = tuple[bytes, scd.ScorecardDocument, tuple[bytes, bytes], bytes, Path]


def _sign(job: Job) -> None:
    template, document, (key_pem, cert_pem), root_pem, path = job
    key = serialization.load_pem_private_key(key_pem, None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    pdf = embed_file(template, "scorecard.json", scd.to_bytes(document))
    path.write_bytes(
        sign_pdf(
            pdf,
            key,
            certificates.load_certificate(cert_pem),
            [certificates.load_certificate(root_pem)],
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            path, inbox = build(Path(tmp), count)
            made = time.perf_counter() - start
            install_memory_keychain()
            with Workspace.open(path) as workspace:
                workspace.actor = "bench"
                start = time.perf_counter()
                summary = merge.merge(workspace, [inbox], workers=args.workers)
                elapsed = time.perf_counter() - start
            accepted = summary.count(merge.Outcome.ACCEPTED)
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"{count} scorecards ({accepted} accepted, {args.workers} workers): "
                f"{elapsed:.1f} s, {count / elapsed:.0f} scorecards/s; peak memory "
                f"{own:.0f} MiB (main), {children:.0f} MiB (largest worker); "
                f"generating them took {made:.0f} s"
            )


if __name__ == "__main__":
    main()
