"""Printed labels of every PDF (scorecards and reports), Chinese first: the one table.

Criteria names and category spans come from the criteria set. Where a scorecard prints a
field differently from the reports' narrower tables, its key starts with `card_`.
"""

from __future__ import annotations

from qz_evaluator.domain.scorecard import STATUS_LABELS, ScorecardStatus
from qz_evaluator.domain.text import Bilingual

L = {
    "award": Bilingual("衢州市政府质量奖", "Quzhou Government Quality Award"),
    "scorecard": Bilingual("评审评分表", "Evaluation scorecard"),
    "candidate": Bilingual("被评价单位", "Candidate"),
    "credit_code": Bilingual("统一社会信用代码", "Unified social credit code"),
    "tier": Bilingual("培育梯队", "Tier"),
    "card_county": Bilingual("所在地区", "County/district"),
    "card_industry": Bilingual("所属行业", "Industry"),
    "round": Bilingual("评审轮次", "Round"),
    "evaluator": Bilingual("评审员", "Evaluator"),
    "card_evaluator_code": Bilingual("评审员编号", "Evaluator code"),
    "level": Bilingual("评审员级别", "Level"),
    "organisation": Bilingual("工作单位", "Organisation"),
    "date": Bilingual("日期", "Date"),
    "card_revision": Bilingual("修订版次", "Revision"),
    "status": Bilingual("状态", "Status"),
    "criteria": Bilingual("评价准则", "Criteria"),
    "code": Bilingual("条款", "Item"),
    "name": Bilingual("评分项", "Name"),
    "points": Bilingual("分值", "Points"),
    "percent": Bilingual("得分率", "Percent"),
    "band": Bilingual("评分档", "Band"),
    "score": Bilingual("得分", "Score"),
    "subtotal": Bilingual("小计", "Subtotal"),
    "process": Bilingual("过程类得分（{categories}）", "Process items ({categories})"),
    "results": Bilingual("结果类得分（{categories}）", "Results items ({categories})"),
    "total": Bilingual("总分", "Total"),
    "completeness": Bilingual("已评分条款", "Items scored"),
    "comments": Bilingual("强项与改进机会", "Strengths and opportunities for improvement"),
    "strengths": Bilingual("强项", "Strengths"),
    "ofis": Bilingual("改进机会", "Opportunities for improvement"),
    "evidence": Bilingual("证据", "Evidence"),
    "card_none": Bilingual("（未填写）", "(none)"),
    "declaration": Bilingual("回避声明", "No-conflict declaration"),
    # The state's one word (domain.scorecard.STATUS_LABELS), as the window says it.
    "conflict_declared": STATUS_LABELS[ScorecardStatus.CONFLICT],
    # the signed declaration of a conflict found on site (documents/declaration_pdf.py)
    "conflict_declaration": Bilingual("评审回避声明", "Conflict of interest declaration"),
    "conflict_reason": Bilingual("回避事由", "Reason"),
    "declared_at": Bilingual("声明时间", "Declared at"),
    "declaration_signature_note": Bilingual(
        "本声明已由评审员使用本人密钥进行电子签名（PAdES），随附机读数据 declaration.json；"
        "秘书处合并后记录该回避关系。签名后对文件的任何改动都会使签名失效。",
        "This declaration is signed electronically (PAdES) with the evaluator's own key and "
        "carries the machine-readable declaration.json; the secretariat records the conflict "
        "when it merges the file. Any change after signing invalidates the signature.",
    ),
    "signature": Bilingual("评审员签名", "Evaluator's signature"),
    "declaration_affirmed": Bilingual(
        "评审员已于 {at} 在定稿时阅读并勾选确认本声明。",
        "The evaluator read and affirmed this declaration at {at}, on finalising.",
    ),
    "declaration_not_affirmed": Bilingual(
        "（预览：定稿时由评审员确认本声明）", "(Preview: the evaluator affirms it on finalising)"
    ),
    "card_signature_note": Bilingual(
        "本评分表已由评审员使用本人密钥进行电子签名（PAdES）。签名后对文件的任何改动都会使签名失效。",
        "This scorecard is signed electronically (PAdES) with the evaluator's own key. Any "
        "change after signing invalidates the signature.",
    ),
    "page": Bilingual("第 {n} 页 共 {m} 页", "Page {n} of {m}"),
    # the scorecard's last page: a summary of its signed edit history (issue 13)
    "history": Bilingual("修改记录", "Edit history"),
    "history_count": Bilingual(
        "本评分表共有 {n} 处修改（得分率与评语），退回修改 {r} 次。",
        "{n} changes to percentages and comments; reopened {r} times.",
    ),
    "history_first_final": Bilingual("首次定稿时间：{at}", "First finalised: {at}"),
    "history_never_final": Bilingual("尚未定稿。", "Not finalised yet."),
    "history_after_final": Bilingual(
        "首次定稿后修改的条款", "Items changed after the first finalise"
    ),
    "history_none_after": Bilingual(
        "首次定稿后无修改。", "Nothing changed after the first finalise."
    ),
    "history_at_final": Bilingual("首次定稿时", "At first finalise"),
    "history_now": Bilingual("本版", "This revision"),
    "history_comments_only": Bilingual("仅修改评语", "comments only"),
    "history_reopened": Bilingual("退回修改原因", "Why it was reopened"),
    "history_reopened_at": Bilingual("时间", "Time"),
    "history_reason": Bilingual("原因", "Reason"),
    "history_no_reason": Bilingual("（未填写原因）", "(no reason given)"),
    "history_note": Bilingual(
        "完整修改明细（时间、条款、字段、原值→新值）以哈希链形式保存在随附的 scorecard.json 中，"
        "链头随评分表一并签名：链头 {head}。",
        "The full list (time, item, field, old → new) is in the attached scorecard.json, "
        "hash-chained; its head is signed with the scorecard: {head}.",
    ),
    "not_scored": Bilingual("未评分", "not scored"),
    # ----- results and feedback reports -----
    "results_report": Bilingual("评审结果报告", "Results report"),
    "feedback_report": Bilingual("评审反馈报告", "Feedback report"),
    "generated_at": Bilingual("生成时间", "Generated at"),
    "rule": Bilingual("汇总规则", "Aggregation rule"),
    "divergence": Bilingual("分歧阈值", "Divergence threshold"),
    "divergence_text": Bilingual(
        "同一条款评审员得分率的极差 ≥ {n} 个百分点即标记为分歧，须由评审组记录共识意见后方可定稿。",
        "An item is flagged when the evaluators' percentages differ by {n} points or more; "
        "the panel must record a consensus note before the result is final.",
    ),
    "thresholds": Bilingual("梯队推荐门槛", "Tier thresholds"),
    "figures": Bilingual("数值说明", "Figures"),
    "figures_text": Bilingual(
        "分数按四舍五入保留两位小数显示，计算使用精确值；标准差为样本标准差（除以 n−1）；"
        "各评审员的总分与类目小计为其签名评分表的原始分数，未计入共识调整。",
        "Scores are shown to two decimals, rounded half up; the computation uses exact values. "
        "SD is the sample standard deviation (divided by n−1). Each evaluator's total and "
        "category subtotals are as signed, before any consensus adjustment.",
    ),
    "overview": Bilingual(
        "共 {c} 家单位，合并有效评分表 {f} 份。",
        "{c} candidates, {f} merged scorecards.",
    ),
    "ranking": Bilingual("排名", "Ranking"),
    "tier_heading": Bilingual("{tier}（{n} 家）", "{tier} ({n})"),
    "no_candidates": Bilingual("本梯队暂无单位。", "No candidates in this tier."),
    "rank": Bilingual("名次", "Rank"),
    "county": Bilingual("地区", "County"),
    "industry": Bilingual("行业", "Industry"),
    "n": Bilingual("有效表", "n"),
    "official": Bilingual("正式得分", "Official"),
    "mean": Bilingual("平均分", "Mean"),
    "trimmed_mean": Bilingual("去极值均分", "Trimmed"),
    "median": Bilingual("中位数", "Median"),
    "range": Bilingual("最低–最高", "Min–max"),
    "stdev": Bilingual("样本标准差", "Sample SD"),
    "recommended": Bilingual("推荐梯队", "Rec. tier"),
    "final": Bilingual("定稿", "Final"),
    "flags": Bilingual("提示", "Flags"),
    "details": Bilingual("各单位评分统计", "Statistics per candidate"),
    "detail_line": Bilingual(
        "{code} · {tier} · 有效评分表 {n} 份 · 正式得分 {official}",
        "{code} · {tier} · {n} valid scorecards · official score {official}",
    ),
    "incomplete": Bilingual("评审员不足，结果不完整", "panel incomplete"),
    "category": Bilingual("类目", "Category"),
    "points_of": Bilingual("分值 {points}", "{points} points"),
    "evaluator_totals": Bilingual("评审员", "Evaluator"),
    "minimum": Bilingual("最低", "Min"),
    "maximum": Bilingual("最高", "Max"),
    "divergent_item": Bilingual("分歧条款", "Divergent item"),
    "no_divergences": Bilingual("无分歧条款。", "No divergent items."),
    "spread": Bilingual("极差", "Spread"),
    "consensus": Bilingual("共识意见", "Consensus note"),
    "no_consensus": Bilingual("（尚未记录共识意见）", "(no consensus note yet)"),
    "missing": Bilingual("尚缺评分表的评审员", "Scorecards missing from"),
    "none_missing": Bilingual("无", "none"),
    "annex": Bilingual("附件：合并的评分表文件", "Annex: merged scorecard files"),
    "annex_intro": Bilingual(
        "下列文件的 SHA-256 摘要与签名证书指纹（证书的 SHA-256）可用于核对本报告所依据的评分表。",
        "The SHA-256 digest of each file and the fingerprint (SHA-256) of its signer's "
        "certificate identify the scorecards this report is based on.",
    ),
    "no_files": Bilingual("（无）", "(none)"),
    "file": Bilingual("文件", "File"),
    "evaluator_code": Bilingual("评审员编号", "Evaluator"),
    "revision": Bilingual("版次", "Rev."),
    "sha256": Bilingual("文件 SHA-256", "File SHA-256"),
    "fingerprint": Bilingual("签名证书指纹", "Signer certificate"),
    "signature_block": Bilingual("秘书处签名", "Secretariat's signature"),
    "signature_note": Bilingual(
        "本报告由评审委员会秘书处电子签名（PAdES）。签名后对文件的任何改动都会使签名失效；"
        "请以带有有效签名的电子文件为准。",
        "This report is signed electronically (PAdES) by the secretariat of the evaluation "
        "committee. Any change after signing invalidates the signature; the electronic file "
        "with a valid signature is authoritative.",
    ),
    "feedback_intro": Bilingual(
        "本报告汇总了评审组全体成员对贵单位各评分项的强项与改进机会意见，已合并重复内容，"
        "不含评分结果，也不注明提出意见的评审员。",
        "This report consolidates the observations of all panel members on each item: "
        "strengths and opportunities for improvement, duplicates removed. It contains no "
        "scores and does not name the evaluators.",
    ),
    "item_heading": Bilingual("{code} {name}（分值 {points}）", "{code} {name} ({points} points)"),
    "none": Bilingual("（无）", "(none)"),
    # flags beside a candidate in the results report
    "flag_incomplete": Bilingual("评审员不足{minimum}人", "fewer than {minimum} evaluators"),
    "flag_divergent": Bilingual("{item} 分歧 {spread} 分", "{item} diverges by {spread}"),
    "flag_agreed": Bilingual("（已达成共识）", " (consensus recorded)"),
    "flag_open": Bilingual("（待共识）", " (consensus needed)"),
    "flag_rivals": Bilingual("同版次冲突：{codes}", "same-revision conflict: {codes}"),
}


def label(key: str, language: str, **values: object) -> str:
    text = L[key].get(language)
    return text.format(**values) if values else text
