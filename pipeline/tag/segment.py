"""Word segmentation: one private jieba tokenizer per process, with the domain user dictionary.

``jieba_fast`` (C implementation of jieba's DAG/route/HMM, identical tokens,
about 2x faster) is used when it is installed, plain ``jieba`` otherwise; both expose the same
``Tokenizer`` API. The tokenizer is built lazily on first use (about one
second, then cached by jieba on disk) and shared by every call in the process;
the module-level jieba default tokenizer (``jieba.dt``) is never touched, so
other stages keep their own dictionaries.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

USERDICT = Path(__file__).resolve().parent / "userdict.txt"

# jieba's HMM guesses words missing from the dictionaries. Off: with the domain dictionary the guesses
# are mostly junk for keywords ("人会", "我该", "但会" ranked high by IDF in 97 of the 146 labelled
# articles' top 10), and segmentation is ~25-35% faster without it. Unknown words then fall apart
# into single characters, which keywords ignore; the topic lexicon does not depend on tokens.
HMM = False

_LOCK = threading.Lock()
_TOKENIZER: Any = None
_BACKEND: str | None = None


def _jieba() -> ModuleType:
    global _BACKEND
    try:
        import jieba_fast as jb  # type: ignore[import-not-found]

        _BACKEND = "jieba_fast"
    except ImportError:  # pragma: no cover - depends on the machine
        import jieba as jb

        _BACKEND = "jieba"
    logging.getLogger(_BACKEND).setLevel(logging.WARNING)
    return jb


def backend() -> str:
    """``jieba_fast`` or ``jieba``: which implementation segments (loads the tokenizer)."""
    tokenizer()
    assert _BACKEND is not None
    return _BACKEND


def jieba_dir() -> Path:
    """The installed jieba package directory (for its general-purpose IDF table)."""
    tokenizer()
    import importlib

    return Path(importlib.import_module(_BACKEND or "jieba").__file__).resolve().parent


def tokenizer() -> Any:
    """The process-wide tokenizer with the domain dictionary loaded (created on first call)."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                jb = _jieba()
                tok = jb.Tokenizer()
                tok.initialize()
                tok.load_userdict(str(USERDICT))
                _TOKENIZER = tok
    return _TOKENIZER


_PLACEHOLDER = re.compile(r"\[(?:电话|邮箱|QQ|微信|身份证号|银行卡号)\]")


def cut(text: str, hmm: bool | None = None) -> list[str]:
    """Tokens of ``text`` in precise mode (redaction placeholders are dropped first)."""
    if not text:
        return []
    if "[" in text:
        text = _PLACEHOLDER.sub(" ", text)
    return tokenizer().lcut(text, HMM=HMM if hmm is None else hmm)
