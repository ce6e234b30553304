"""The report's Traditional-to-Simplified folds for its search box (OpenCC, the report's own characters)."""

from __future__ import annotations

from pipeline.report.search_folds import traditional_folds


def test_traditional_forms_fold_to_the_characters_the_report_shows() -> None:
    folds = traditional_folds("与催收协商还款，核实身份，保护隐私")
    assert {folds["協"], folds["還"], folds["實"], folds["護"], folds["隱"], folds["與"]} == {
        "协", "还", "实", "护", "隐", "与"}
    assert all(len(t) == 1 and len(s) == 1 for t, s in folds.items())


def test_regional_forms_fold_too_and_nothing_maps_to_a_character_not_in_the_report() -> None:
    folds = traditional_folds("里面的台湾")
    assert folds["裡"] == "里" and folds["裏"] == "里"  # Taiwan's and Hong Kong's forms
    assert folds["臺"] == "台"
    assert set(folds.values()) <= set("里面的台湾")


def test_a_text_without_convertible_characters_needs_no_folds() -> None:
    assert traditional_folds("") == {}
    assert traditional_folds("abc 123 的人") == {}
