"""Line breaking of the fast CJK text flowable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.colors import black, red
from reportlab.pdfbase.pdfmetrics import stringWidth

from qz_evaluator.documents.cjk_text import NO_LINE_START, CJKText, layout
from qz_evaluator.documents.fonts import register_fonts

FONT = register_fonts()


def text_of(line: list[tuple[str, object]]) -> str:
    return "".join(text for text, _ in line)


def test_breaks_between_chinese_characters_and_keeps_latin_words() -> None:
    lines = layout([("质量管理体系运行有效，ISO9001 certified since 2015。", black)], FONT, 10, 60)
    joined = [text_of(line) for line in lines]
    assert "".join(joined).replace(" ", "") == "质量管理体系运行有效，ISO9001certifiedsince2015。"
    assert any("ISO9001" in line for line in joined)
    assert all(not line or line[0] not in NO_LINE_START for line in joined)


def test_label_colour_and_newlines() -> None:
    lines = layout([("强项：", red), ("第一行\n第二行", black)], FONT, 10, 500)
    assert [text_of(line) for line in lines] == ["强项：第一行", "第二行"]
    assert lines[0][0] == ("强项：", red)


@given(
    st.text(alphabet="质量管理，。、体系ab c（）", min_size=1, max_size=300),
    st.integers(min_value=30, max_value=400),
)
def test_nothing_is_lost_and_lines_fit(text: str, width: int) -> None:
    lines = layout([(text, black)], FONT, 9, width)
    rebuilt = "".join(text_of(line) for line in lines)
    assert rebuilt.replace(" ", "") == text.replace(" ", "")
    for line in lines:
        content = text_of(line)
        if len(content) > 2:  # a single unit may overflow; hanging punctuation may too
            assert stringWidth(content.rstrip("".join(NO_LINE_START)), FONT, 9) <= width + 1


def test_splits_across_pages() -> None:
    flowable = CJKText([("改进机会：" + "未见系统的评价与改进。" * 60, black)], FONT, 9, 13)
    _, height = flowable.wrap(300, 10_000)
    parts = flowable.split(300, 5 * 13 + 1)
    assert len(parts) == 2
    first_height = parts[0].wrap(300, 10_000)[1]
    second_height = parts[1].wrap(300, 10_000)[1]
    assert first_height == 5 * 13 and first_height + second_height == height
    assert flowable.split(300, 5) == []
