"""Configuration: the documented example file is exactly the defaults."""

from __future__ import annotations

from pathlib import Path

from pipeline.config import Settings, load_settings


def test_example_config_lists_every_default(repo: Path) -> None:
    assert load_settings(repo / "pipeline.example.yaml") == Settings()
    example = (repo / "pipeline.example.yaml").read_text(encoding="utf-8")
    for section, model in Settings().model_dump().items():
        assert f"\n{section}:" in "\n" + example, section
        for key in model:
            assert f"  {key}:" in example, f"{section}.{key} is not documented in pipeline.example.yaml"
