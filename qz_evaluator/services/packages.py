"""Assignment packages: the secretariat exports one per evaluator and round; the
evaluator imports it without ever losing a score already entered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from qz_evaluator.assets import criteria_set, get_asset
from qz_evaluator.domain.eligibility import Ineligible, NotEligible, PanelIndex
from qz_evaluator.domain.errors import CriteriaError, Phrase
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.domain.text import safe_file_name
from qz_evaluator.exchange.package import (
    MAX_PACKAGE_BYTES,
    SUFFIX,
    Assignment,
    Package,
    PackageError,
    PackageRefusal,
    build_package,
    read_package,
)
from qz_evaluator.services import identity
from qz_evaluator.services.errors import DiskFull, ServiceError
from qz_evaluator.services.panels import eligibility_in
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates

# Workspace meta keys, per round: the issue time and the issuing secretariat workspace of
# the package last imported, so that an older one is refused (a replay would roll the
# assignment back).
ISSUED_AT_META = "package-issued-at:{round_code}"
ISSUED_BY_META = "package-issued-by:{round_code}"


def assignment_for(workspace: Workspace, round_code: str, evaluator_code: str) -> Assignment:
    round_ = workspace.round(round_code)
    evaluator = workspace.evaluator(evaluator_code)
    own = workspace.panel_members(round_code=round_code, evaluator_code=evaluator_code)
    conflicts = workspace.conflicts(evaluator_code=evaluator_code)
    codes = {m.credit_code for m in own}
    rule = PanelIndex(
        own, conflicts, {c.credit_code for c in workspace.candidates(codes=codes) if c.withdrawn}
    )
    mine = sorted(
        code for code in codes if rule.eligibility(round_code, code, evaluator_code) is None
    )
    panels = [m for m in workspace.panel_members(round_code=round_code) if m.credit_code in mine]
    return Assignment(
        round=round_,
        evaluator=evaluator,
        candidates=tuple(workspace.candidates(codes=mine)),
        panels=tuple(panels),
        evaluators=tuple(
            workspace.evaluator(code)
            for code in sorted({m.evaluator_code for m in panels} | {evaluator_code})
        ),
        conflicts=tuple(conflicts),
        settings=workspace.round_settings(round_code),
        # Where the evaluator's next export continues, on whichever laptop it is made.
        revisions=workspace.merged_revisions(round_code, evaluator_code),
    )


def package_file_name(assignment: Assignment) -> str:
    name = safe_file_name(assignment.evaluator.name)
    return f"{assignment.round.code}_{assignment.evaluator.code}_{name}{SUFFIX}"


def export_packages(
    workspace: Workspace,
    round_code: str,
    out_dir: Path,
    evaluator_codes: list[str] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """One signed package per evaluator on the round's panels (or those named).

    `progress(done, total)` after each package; once `cancelled()` is true no further
    package is begun, and the ones written (each whole) are returned."""
    # Imported here: scorecard_files loads pyHanko and reportlab, which an import of a
    # package does not need.
    from qz_evaluator.services.scorecard_files import write_atomically

    if workspace.role is not Role.SECRETARIAT:
        raise ServiceError("assignment packages are issued from the secretariat's workspace")
    round_ = workspace.round(round_code)
    signer = identity.secretariat_identity(workspace)
    criteria_path = get_asset("criteria", f"{round_.criteria_id}.json")
    criteria_set(round_.criteria_id)
    codes = evaluator_codes or sorted(
        {m.evaluator_code for m in workspace.panel_members(round_code=round_code)}
    )
    # Microseconds: two exports of one evaluator's package never share a time of issue,
    # so the newer always wins on import.
    issued_at = datetime.now(UTC).isoformat(timespec="microseconds")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for code in codes:
        if cancelled is not None and cancelled():
            break
        assignment = assignment_for(workspace, round_code, code)
        if not assignment.candidates:
            raise ServiceError(
                "evaluator {code} has no candidates in round {round_code}",
                code=code,
                round_code=round_code,
            )
        data = build_package(
            assignment=assignment,
            criteria_bytes=criteria_path.read_bytes(),
            evaluator_certificate=identity.issued_certificate(workspace, code),
            root=signer.chain[0],
            secretariat_certificate=signer.cert,
            secretariat_key=signer.key,
            secretariat_workspace_id=workspace.workspace_id,
            issued_at=issued_at,
        )
        path = out_dir / package_file_name(assignment)
        try:
            # Whole or not at all: a full disk leaves no empty or cut package behind.
            write_atomically(path, data)
        except DiskFull:
            raise DiskFull(
                "{parent}: the disk is full; the package {name} was not written. Free some "
                "space and export again",
                parent=out_dir,
                name=path.name,
            ) from None
        written.append(path)
        if progress is not None:
            progress(len(written), len(codes))
    return written


@dataclass
class PackageImport:
    round_code: str
    issued_at: str = ""  # the imported package's time of issue (later ones only from now)
    candidates_added: list[str] = field(default_factory=list)
    candidates_updated: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    # Candidates of the round the owner knows but does not score, and why (the rule's code).
    not_scored: dict[str, Ineligible] = field(default_factory=dict)
    scorecards_created: int = 0
    scorecards_kept: int = 0
    certificate_installed: bool = False
    # Credit codes whose revision floor the package raised: their next export continues
    # above the revision the secretariat has merged.
    revisions_raised: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "round": self.round_code,
            "issued_at": self.issued_at,
            "candidates_added": self.candidates_added,
            "candidates_updated": self.candidates_updated,
            "withdrawn": self.withdrawn,
            "not_scored": {code: reason.value for code, reason in self.not_scored.items()},
            "scorecards_created": self.scorecards_created,
            "scorecards_kept": self.scorecards_kept,
            "certificate_installed": self.certificate_installed,
            "revisions_raised": self.revisions_raised,
        }


def import_package(workspace: Workspace, path: Path) -> PackageImport:
    """Check the package completely, then apply it in one transaction.

    Existing scorecards are never deleted: a candidate no longer assigned is marked
    withdrawn and keeps its scorecard.
    """
    if workspace.role is not Role.EVALUATOR:
        raise ServiceError("an assignment package is imported into an evaluator's workspace")
    owner = workspace.owner_code or ""
    try:
        # At most one byte more than a package may have: a huge file is not read whole.
        with Path(path).open("rb") as file:
            data = file.read(MAX_PACKAGE_BYTES + 1)
    except OSError as error:
        raise ServiceError(
            "{path}: cannot read the package ({strerror})", path=path, strerror=error.strerror
        ) from None
    root = identity.committee_root(workspace)
    try:
        package = read_package(data, root)
    except PackageError as error:
        raise ServiceError(
            "{path}: refused: {error}", error_code=error.code, path=path, error=error
        ) from None
    assignment = package.assignment
    if assignment.evaluator.code != owner:
        raise ServiceError(
            "{path}: refused: this package is for evaluator {code}, not for {owner}",
            error_code=PackageRefusal.OTHER_EVALUATOR,
            path=path,
            code=assignment.evaluator.code,
            owner=owner,
        )
    try:
        known = criteria_set(package.criteria.id)
    except CriteriaError:
        raise ServiceError(
            "{path}: refused: criteria set {id} is unknown to this program; update qz-evaluator",
            error_code=PackageRefusal.UNKNOWN_CRITERIA,
            path=path,
            id=package.criteria.id,
        ) from None
    if [(i.code, i.points) for i in known.items] != [
        (i.code, i.points) for i in package.criteria.items
    ]:
        raise ServiceError(
            "{path}: refused: its criteria set {id} differs from this program's "
            "copy; update qz-evaluator",
            error_code=PackageRefusal.UNKNOWN_CRITERIA,
            path=path,
            id=known.id,
        )
    round_code = assignment.round.code
    assigned = {c.credit_code for c in assignment.candidates}
    # The package must agree with itself: each candidate it gives the owner passes the rule
    # on the package's own panels and conflicts.
    in_package = PanelIndex(assignment.panels, assignment.conflicts)
    for code in sorted(assigned):
        reason = in_package.eligibility(round_code, code, owner)
        if reason is not None:
            raise NotEligible(
                reason, round_code, code, owner, context=Phrase("{path}: refused: ", path=path)
            )
    result = PackageImport(round_code, issued_at=package.issued_at)
    previously = {
        m.credit_code for m in workspace.panel_members(round_code=round_code, evaluator_code=owner)
    }
    with workspace.transaction():
        # Checked and recorded in the import's own transaction: no import in between.
        _refuse_older(workspace, package, path)
        workspace.set_meta(ISSUED_AT_META.format(round_code=round_code), package.issued_at)
        workspace.set_meta(
            ISSUED_BY_META.format(round_code=round_code), package.secretariat_workspace_id
        )
        workspace.upsert_round(assignment.round)
        workspace.set_round_settings(round_code, assignment.settings)
        # The envelope's addressee for export (read_package checked it signs for the root).
        identity.keep_secretariat_recipient(workspace, package.secretariat)
        for evaluator in assignment.evaluators:
            workspace.upsert_evaluator(evaluator)
        for candidate in assignment.candidates:
            existing = workspace.find_candidate(candidate.credit_code)
            workspace.upsert_candidate(candidate, reason="assignment package")
            (result.candidates_updated if existing else result.candidates_added).append(
                candidate.credit_code
            )
        for code in sorted(previously - assigned):
            workspace.remove_panel(round_code, code)
            workspace.set_withdrawn(code, True)
            result.withdrawn.append(code)
        for code in sorted(assigned):
            workspace.remove_panel(round_code, code)
        for member in assignment.panels:
            workspace.add_panel_member(member)
        for conflict in assignment.conflicts:
            # A conflict only matters here for a candidate this workspace knows.
            if workspace.find_candidate(conflict.credit_code) is not None:
                workspace.add_conflict(conflict)
        before = {
            c.credit_code for c in workspace.scorecards(round_code=round_code, evaluator_code=owner)
        }
        raised = workspace.raise_revision_floors(
            owner,
            [(round_code, code, revision) for code, revision in assignment.revisions.items()],
            source="assignment package",
        )
        result.revisions_raised = {code: revision for _, code, revision in raised}
        cards = ScoringService(workspace).ensure_all(round_code, owner)
        result.scorecards_created = len({c.credit_code for c in cards} - before)
        result.scorecards_kept = len(before)
        if workspace.certificate(identity.OWN) is None and package.evaluator_certificate:
            cert = package.evaluator_certificate
            if identity.holds_own_key(workspace, cert):
                workspace.set_certificate(
                    identity.OWN,
                    certificates.certificate_pem(cert).decode(),
                    certificates.fingerprint(cert),
                )
                result.certificate_installed = True
    for code in result.withdrawn:
        reason = eligibility_in(workspace, round_code, code, owner)
        if reason is not None:
            result.not_scored[code] = reason
    return result


def _refuse_older(workspace: Workspace, package: Package, path: Path) -> None:
    """A package issued before the one imported last for its round is a replay (or one
    that arrived late): importing it would roll the assignment back."""
    round_code = package.assignment.round.code
    installed_at = workspace.meta(ISSUED_AT_META.format(round_code=round_code))
    if installed_at is None:
        return  # the round's first package (or one imported before issue times were kept)
    try:
        installed = datetime.fromisoformat(installed_at)
    except ValueError:
        return  # not ours to judge: the package's own time is checked and then stored
    if package.issued >= installed:
        return
    installed_by = workspace.meta(ISSUED_BY_META.format(round_code=round_code)) or ""
    if installed_by == package.secretariat_workspace_id:
        raise ServiceError(
            "{path}: refused: this package was issued at {issued_at}, before the one already "
            "imported for round {round_code} (issued at {installed_at}); import the newest "
            "package the secretariat sent",
            error_code=PackageRefusal.OLDER,
            path=path,
            issued_at=package.issued_at,
            round_code=round_code,
            installed_at=installed_at,
        )
    raise ServiceError(
        "{path}: refused: this package comes from another secretariat workspace and was "
        "issued at {issued_at}, before the one already imported for round {round_code} "
        "(issued at {installed_at}); ask the secretariat to export a new package",
        error_code=PackageRefusal.OLDER,
        path=path,
        issued_at=package.issued_at,
        round_code=round_code,
        installed_at=installed_at,
    )


def withdrawn_scorecards(workspace: Workspace, round_code: str) -> list[str]:
    owner = workspace.owner_code
    return [
        c.credit_code
        for c in workspace.scorecards(round_code=round_code, evaluator_code=owner)
        if workspace.candidate(c.credit_code).withdrawn and c.status is not ScorecardStatus.CONFLICT
    ]
