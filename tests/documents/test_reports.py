"""The results and feedback reports, checked with the real poppler tools."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents.feedback_pdf import (
    FeedbackItem,
    FeedbackReportData,
    render_feedback_report,
)
from qz_evaluator.documents.results_pdf import (
    CandidateDetail,
    CategoryLine,
    DivergenceLine,
    MergedFile,
    RankRow,
    ResultsReportData,
    TierSection,
    render_results_report,
)
from tests.support.tools import tool

TIERS = {
    "zh": ("优势单位", "潜力单位", "种子单位"),
    "en": ("Advantage", "Potential", "Seed"),
}
COUNTIES = ("柯城区", "衢江区", "龙游县", "江山市", "常山县", "开化县")
INDUSTRIES = ("装备制造", "新材料", "食品加工", "电子信息", "现代服务业", "建筑业")
NAMES = (
    "衢州元立金属制品有限公司",
    "浙江巨化股份有限公司",
    "龙游县城市建设投资集团有限公司",
    "江山欧派门业股份有限公司",
    "常山县胡柚食品科技有限公司",
    "开化县钱江源生态农业发展有限公司",
    "衢州市柯城区智能装备研究院",
    "浙江衢江新材料科技有限公司",
    "衢州东方集团股份有限公司",
    "浙江开山压缩机股份有限公司",
    "衢州智造新城电子有限公司",
    "浙江龙游湖镇食品有限公司",
)
EVALUATORS = ("QZ-E01", "QZ-E02", "QZ-E03", "QZ-E04", "QZ-E05", "QZ-E06", "QZ-E07")
EVALUATOR_NAMES = ("王建国", "李秀英", "张伟", "刘芳", "陈静", "杨洋", "赵磊")
RULE = "trimmed-mean/v1"
RULE_TEXT = {
    "zh": "n ≥ 5 时去掉一个最高分和一个最低分后取算术平均，否则取全部评分表总分的算术平均。",
    "en": "With five or more scorecards the highest and the lowest totals are dropped and "
    "the rest averaged; otherwise all totals are averaged.",
}
LONG_OFI = (
    "战略部署中关键绩效指标的分解尚未覆盖到全部基层班组，部分指标缺少明确的目标值、"
    "责任人和完成时限，季度经营分析会对偏差原因的分析停留在现象层面，"
    "未能形成系统的纠正措施和跟踪验证机制；建议建立覆盖公司、部门、班组三级的指标体系，"
    "并定期开展对标分析与改进成效评价。"
) * 6


def run(name: str, *args: str) -> str:
    return subprocess.run(
        [tool(name), *args], check=True, capture_output=True, text=True, encoding="utf-8"
    ).stdout


def say(language: str, zh: str, en: str) -> str:
    return en if language == "en" else zh


def fake_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def credit_code(index: int) -> str:
    return f"91330800MA2X{index:06d}"


def results_data(language: str = "zh", candidates: int = 12, files: int = 60) -> ResultsReportData:
    criteria = criteria_set()
    tiers = TIERS[language]
    names = [
        NAMES[i % len(NAMES)] + (f"（{i // len(NAMES)}）" if i >= len(NAMES) else "")
        for i in range(candidates)
    ]
    # Every fourth candidate has an incomplete panel of three; the rest share the files.
    short = [i for i in range(candidates) if i % 4 == 3]
    full = [i for i in range(candidates) if i % 4 != 3]
    rest = max(files - 3 * len(short), 0)
    per_candidate = [0] * candidates
    for i in short:
        per_candidate[i] = min(3, files)
    for k, i in enumerate(full):
        per_candidate[i] = rest // len(full) + (1 if k < rest % len(full) else 0)
    sections: list[TierSection] = []
    details: list[CandidateDetail] = []
    for t, tier in enumerate(tiers):
        rows: list[RankRow] = []
        members = range(t, candidates, len(tiers))
        for rank, i in enumerate(members, start=1):
            n = per_candidate[i]
            none = n == 0 or i == candidates - 1
            base = 640 - 25 * t - 7 * rank
            flags: list[str] = []
            if n < 5:
                flags.append(say(language, "评审员不足5人", "fewer than 5 evaluators"))
            if i % 4 == 1:
                flags.append(
                    say(language, "4.2.2 分歧 25 分（已达成共识）", "4.2.2 spread 25 (agreed)")
                )
            if i % 5 == 2:
                flags.append(
                    say(language, "4.7.4 分歧 30 分，待形成共识意见", "4.7.4 spread 30, no note")
                )
            rows.append(
                RankRow(
                    rank=None if none else rank,
                    credit_code=credit_code(i),
                    name=names[i],
                    county=COUNTIES[i % len(COUNTIES)],
                    industry=INDUSTRIES[i % len(INDUSTRIES)],
                    tier_label=tier,
                    n=0 if none else n,
                    official="" if none else f"{base}.35",
                    mean="" if none else f"{base + 1}.2",
                    trimmed_mean="" if none else f"{base}.35",
                    median="" if none else f"{base - 2}.5",
                    minimum="" if none else f"{base - 41}.25",
                    maximum="" if none else f"{base + 38}.75",
                    stdev="" if none else "27.41",
                    recommended_label=""
                    if none
                    else tiers[0 if base >= 600 else 1 if base >= 550 else 2],
                    final=rank % 3 == 1 and not none,
                    flags=tuple(flags),
                )
            )
            divergences = []
            if i % 4 == 1:
                divergences.append(
                    DivergenceLine(
                        "4.2.2",
                        criteria.item("4.2.2").name.get(language),
                        40,
                        65,
                        25,
                        say(
                            language,
                            "评审组复核现场证据后一致认为该项应处于 50–65% 档，以中位意见为准。",
                            "After reviewing the site evidence the panel agreed on 50–65 %.",
                        ),
                    )
                )
            if i % 5 == 2:
                divergences.append(
                    DivergenceLine(
                        "4.7.4",
                        criteria.item("4.7.4").name.get(language),
                        30,
                        60,
                        30,
                        "",
                    )
                )
            details.append(
                CandidateDetail(
                    name=names[i],
                    credit_code=credit_code(i),
                    tier_label=tier,
                    n=0 if none else n,
                    incomplete=n < 5,
                    official="" if none else f"{base}.35",
                    categories=tuple(
                        CategoryLine(
                            category.code,
                            category.name.get(language),
                            category.points,
                            f"{category.points * 0.55:.2f}",
                            f"{category.points * 0.4:.2f}",
                            f"{category.points * 0.7:.2f}",
                        )
                        for category in criteria.categories
                    ),
                    divergences=tuple(divergences),
                    missing=EVALUATORS[n:5] if n < 5 else (),
                )
            )
        sections.append(TierSection(tier, tuple(rows)))
    merged = tuple(
        MergedFile(
            file_name=f"{credit_code(k % candidates)}_{EVALUATORS[k % 7]}_r{1 + k % 3}.pdf",
            evaluator_code=EVALUATORS[k % 7],
            candidate_name=names[k % candidates],
            revision=1 + k % 3,
            sha256=fake_hash(f"file {k}"),
            signer_fingerprint=fake_hash(f"certificate {EVALUATORS[k % 7]}"),
        )
        for k in range(files)
    )
    return ResultsReportData(
        language=language,
        award=say(language, "衢州市政府质量奖", "Quzhou Government Quality Award"),
        round_name=say(language, "2026年度现场评审", "2026 site visits"),
        generated_at="2026-06-18T15:42:07+08:00",
        rule_id=RULE,
        rule_description=RULE_TEXT[language],
        divergence_threshold=20,
        thresholds_text=say(
            language, "优势单位 ≥ 600；潜力单位 ≥ 550", "Advantage ≥ 600; Potential ≥ 550"
        ),
        sections=tuple(sections),
        details=tuple(details),
        merged_files=merged,
    )


def feedback_data(language: str = "zh") -> FeedbackReportData:
    items = []
    for number, item in enumerate(criteria_set().items):
        strengths = tuple(
            f"{item.name.get(language)}：已建立较为完善的制度与流程，第 {k + 1} 条观察。"
            for k in range(number % 3)
        )
        ofis = (
            (LONG_OFI,)
            if item.code == "4.2.3"
            else tuple(
                f"建议进一步加强 {item.name.get(language)} 的量化评价与持续改进（{k + 1}）。"
                for k in range(1 + number % 2)
            )
        )
        items.append(FeedbackItem(item.code, item.name.get(language), item.points, strengths, ofis))
    return FeedbackReportData(
        language=language,
        award=say(language, "衢州市政府质量奖", "Quzhou Government Quality Award"),
        round_name=say(language, "2026年度现场评审", "2026 site visits"),
        generated_at="2026-06-18T15:42:07+08:00",
        candidate_name=NAMES[1],
        credit_code=credit_code(1),
        tier_label=TIERS[language][1],
        items=tuple(items),
    )


def save(tmp_path: Path, name: str, pdf: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text_of(path: Path) -> str:
    return run("pdftotext", "-enc", "UTF-8", str(path), "-")


def without_footers(text: str, award: str) -> str:
    """The page text without the footer lines, so that text running across pages joins up."""
    footer = re.compile(r"^(第\s*\d+\s*页\s*共\s*\d+\s*页|Page \d+ of \d+)$")
    return "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith(f"{award} · ") and not footer.match(line.strip())
    )


def squeeze(text: str) -> str:
    """pdftotext drops or adds blanks between CJK characters: compare without any."""
    return re.sub(r"\s+", "", text)


def pages(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.MULTILINE)
    assert match is not None
    return int(match.group(1))


def assert_fonts_embedded(path: Path) -> None:
    lines = run("pdffonts", str(path)).splitlines()[2:]
    assert lines, "no fonts at all"
    for line in lines:
        # name type encoding emb sub uni object ID: the flags precede the object number.
        name, *_, emb, sub, _uni, _obj, _gen = line.split()
        assert (emb, sub) == ("yes", "yes"), line
        assert "Helvetica" not in name and "Times" not in name and "Courier" not in name


@pytest.mark.parametrize("language", ["zh", "en"])
def test_results_report_states_rule_and_lists_everything(tmp_path: Path, language: str) -> None:
    data = results_data(language)
    path = save(tmp_path, f"results-{language}.pdf", render_results_report(data))
    text = text_of(path)
    flat = squeeze(text)
    assert RULE in text
    assert squeeze(RULE_TEXT[language]) in flat
    assert squeeze(data.thresholds_text) in flat
    assert "20" in flat
    for section in data.sections:
        assert squeeze(section.tier_label) in flat
        assert squeeze(section.rows[0].name) in flat
    for detail in data.details:
        assert squeeze(detail.name) in flat
        for line in detail.divergences:
            note = line.note or say(language, "尚未记录共识意见", "no consensus note yet")
            assert squeeze(note) in flat
        if detail.missing:
            colon = say(language, "：", ":")
            joined = say(language, "、", ", ").join(detail.missing)
            assert squeeze(f"{colon}{joined}") in flat
    assert squeeze(say(language, "评审员不足，结果不完整", "panel incomplete")) in flat
    for merged in data.merged_files:
        assert merged.sha256 in text
        assert merged.signer_fingerprint in text
    signature = say(
        language,
        "本报告由评审委员会秘书处电子签名",
        "signed electronically (PAdES) by the secretariat",
    )
    assert squeeze(signature) in flat
    total = pages(path)
    assert total >= 4
    page_label = say(language, "第{n}页共{m}页", "Page{n}of{m}")
    for number in (1, total):
        assert page_label.format(n=number, m=total) in flat
    assert_fonts_embedded(path)
    assert squeeze(say(language, "评审结果报告", "Results report")) in flat


def test_large_round_repeats_table_headers(tmp_path: Path) -> None:
    data = results_data("zh", candidates=40, files=200)
    path = save(tmp_path, "large.pdf", render_results_report(data))
    text = text_of(path)
    assert all(merged.sha256 in text for merged in data.merged_files)
    # The annex runs over several pages, each with its header row.
    assert text.count("签名证书指纹") >= 5
    assert pages(path) >= 10
    assert_fonts_embedded(path)


def test_results_report_without_details_or_files(tmp_path: Path) -> None:
    data = results_data("zh", candidates=3, files=0)
    empty = dataclasses.replace(data, details=(), merged_files=())
    path = save(tmp_path, "empty.pdf", render_results_report(empty))
    flat = squeeze(text_of(path))
    assert "附件：合并的评分表文件" in flat
    assert RULE in flat


@pytest.mark.parametrize("language", ["zh", "en"])
def test_feedback_report_is_anonymous_and_wraps(tmp_path: Path, language: str) -> None:
    data = feedback_data(language)
    path = save(tmp_path, f"feedback-{language}.pdf", render_feedback_report(data))
    text = text_of(path)
    flat = squeeze(text)
    total = pages(path)
    assert total >= 3
    assert squeeze(data.candidate_name) in flat
    assert data.credit_code in flat
    assert squeeze(LONG_OFI) in squeeze(without_footers(text, data.award))
    for item in data.items:
        assert squeeze(item.name) in flat
    heading = {
        "zh": ("评审反馈报告", "强项", "改进机会", "4.1领导"),
        "en": ("Feedbackreport", "Strengths", "Opportunitiesforimprovement", "4.1Leadership"),
    }[language]
    for word in heading:
        assert word in flat
    # The item without strengths says so instead of leaving an empty list.
    assert say(language, "（无）", "(none)") in flat
    for code, name in zip(EVALUATORS, EVALUATOR_NAMES, strict=True):
        assert code not in text and name not in flat
    page_label = say(language, "第{n}页共{m}页", "Page{n}of{m}")
    assert page_label.format(n=total, m=total) in flat
    assert_fonts_embedded(path)


def test_user_text_is_not_markup(tmp_path: Path) -> None:
    data = feedback_data("zh")
    first = data.items[0]
    odd = FeedbackItem(first.code, first.name, first.points, ("<b>A & B</b> 强 <br/>",), ())
    changed = dataclasses.replace(data, items=(odd, *data.items[1:]))
    path = save(tmp_path, "odd.pdf", render_feedback_report(changed))
    assert "<b>A & B</b>" in text_of(path)
