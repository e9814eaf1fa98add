"""Printed labels of the PDFs, Chinese first; criteria names come from the criteria file."""

from __future__ import annotations

from qz_evaluator.domain.text import Bilingual

L = {
    "award": Bilingual("衢州市政府质量奖", "Quzhou Government Quality Award"),
    "scorecard": Bilingual("评审评分表", "Evaluation scorecard"),
    "candidate": Bilingual("被评价单位", "Candidate"),
    "credit_code": Bilingual("统一社会信用代码", "Unified social credit code"),
    "tier": Bilingual("培育梯队", "Tier"),
    "county": Bilingual("所在地区", "County/district"),
    "industry": Bilingual("所属行业", "Industry"),
    "round": Bilingual("评审轮次", "Round"),
    "evaluator": Bilingual("评审员", "Evaluator"),
    "evaluator_code": Bilingual("评审员编号", "Evaluator code"),
    "level": Bilingual("评审员级别", "Level"),
    "organisation": Bilingual("工作单位", "Organisation"),
    "date": Bilingual("日期", "Date"),
    "revision": Bilingual("修订版次", "Revision"),
    "status": Bilingual("状态", "Status"),
    "criteria": Bilingual("评价准则", "Criteria"),
    "code": Bilingual("条款", "Item"),
    "name": Bilingual("评分项", "Name"),
    "points": Bilingual("分值", "Points"),
    "percent": Bilingual("得分率", "Percent"),
    "band": Bilingual("评分档", "Band"),
    "score": Bilingual("得分", "Score"),
    "subtotal": Bilingual("小计", "Subtotal"),
    "process": Bilingual("过程类得分（4.1–4.6）", "Process items (4.1–4.6)"),
    "results": Bilingual("结果类得分（4.7）", "Results items (4.7)"),
    "total": Bilingual("总分", "Total"),
    "completeness": Bilingual("已评分条款", "Items scored"),
    "comments": Bilingual("强项与改进机会", "Strengths and opportunities for improvement"),
    "strengths": Bilingual("强项", "Strengths"),
    "ofis": Bilingual("改进机会", "Opportunities for improvement"),
    "evidence": Bilingual("证据", "Evidence"),
    "none": Bilingual("（未填写）", "(none)"),
    "declaration": Bilingual("回避声明", "No-conflict declaration"),
    "conflict_declared": Bilingual("已声明回避", "Conflict of interest declared"),
    "signature": Bilingual("评审员签名", "Evaluator's signature"),
    "signature_note": Bilingual(
        "本评分表已由评审员使用本人密钥进行电子签名（PAdES）。签名后对文件的任何改动都会使签名失效。",
        "This scorecard is signed electronically (PAdES) with the evaluator's own key. Any "
        "change after signing invalidates the signature.",
    ),
    "page": Bilingual("第 {n} 页 共 {m} 页", "Page {n} of {m}"),
    "not_scored": Bilingual("未评分", "not scored"),
}


def label(key: str, language: str) -> str:
    return L[key].get(language)
