"""Configuration: the documented example file is exactly the defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.config import ConfigError, Settings, load_settings


def test_example_config_lists_every_default(repo: Path) -> None:
    assert load_settings(repo / "pipeline.example.yaml") == Settings()
    example = (repo / "pipeline.example.yaml").read_text(encoding="utf-8")
    for section, model in Settings().model_dump().items():
        assert f"\n{section}:" in "\n" + example, section
        for key in model:
            assert f"  {key}:" in example, f"{section}.{key} is not documented in pipeline.example.yaml"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"normalize:\n  opencc_config: nosuch\n", "unknown OpenCC config 'nosuch'"),
        (b"dedup:\n  bands: 7\n", "bands (7) must divide num_perm (128) evenly"),
        ("ingest:\n  max_bytes: 5000000 # \u4e2d\n".encode("gbk"), "is not UTF-8 text"),
    ],
)
def test_bad_config_is_refused_before_any_work(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(path)


def test_a_directory_is_not_a_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings(tmp_path)
