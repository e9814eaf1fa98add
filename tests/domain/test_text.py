from __future__ import annotations

import pytest

from qz_evaluator.domain.text import safe_file_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("衢州示例新材料有限公司", "衢州示例新材料有限公司"),
        ('A/B:C*D?"E"<F>|G', "A_B_C_D_E_F_G"),
        ("  罗 思丽\t", "罗_思丽"),
        ("..隐藏.", "隐藏"),
        ("a\\b", "a_b"),
    ],
)
def test_one_rule_for_names_in_file_names(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected
