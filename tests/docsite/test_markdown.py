"""Table cells: one line, pipes escaped outside code spans only."""

from __future__ import annotations

from grantdocs.docsite.markdown import cell, code, table


def test_cell_escapes_pipes_outside_code_only() -> None:
    assert cell("a | b `x|y`\n c|d") == "a \\| b `x|y` c\\|d"


def test_code_fences_text_with_backticks() -> None:
    assert code("`r` x") == "`` `r` x ``"
    assert code("") == ""


def test_table_has_a_header_rule_per_column() -> None:
    assert table(["a", "b"], [["1", "x|y"]]) == ["| a | b |", "|---|---|", "| 1 | x\\|y |"]
