"""Comparison keys, character n-gram shingles, one-permutation MinHash and LSH band keys.

Everything here is pure NumPy (no per-shingle Python work), so a 4 KB body is
fingerprinted in well under a millisecond:

* :func:`body_key` - the comparison form of a body: NFKC, lower case, no
  whitespace, punctuation or symbols. Exact copies share its SHA-256.
* :func:`shingle_hashes` - 64-bit hashes of every character ``n``-gram of the
  key, computed with a vectorised polynomial over the code points followed by a
  murmur3 finaliser.
* :func:`minhash` - one-permutation hashing (Li, Owen & Zhang 2012): the hash
  space is cut into ``num_perm`` bins and each bin keeps the smallest hash that
  falls into it; empty bins are filled by optimal densification (Shrivastava
  2017): bin ``i`` borrows from the first non-empty bin of a fixed random
  sequence of bins. The probability that two signatures agree in a bin is the
  Jaccard similarity of the shingle sets, exactly as for k-permutation
  MinHash, at the cost of ONE hash per shingle instead of ``num_perm``.
* :func:`band_keys` - LSH: the signature is cut into ``bands`` bands of
  ``rows = num_perm // bands`` rows; each band is hashed (with its band index)
  to one signed 64-bit key, the form stored in SQLite.
* :func:`pack_shingles` / :func:`unpack_shingles` - the sorted set of 24-bit
  shingle hashes (~2 bytes per shingle), used to verify candidate pairs with
  the real Jaccard / containment. The index never stores article text, only
  these hashes (of the redacted body).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np

_U64 = np.uint64
_M1 = _U64(0xFF51AFD7ED558CCD)
_M2 = _U64(0xC4CEB9FE1A85EC53)
_S33 = _U64(33)
_S32 = _U64(32)
_LOW32 = _U64(0xFFFFFFFF)
# per-position multipliers of the n-gram polynomial (odd, fixed forever: changing them changes every key)
_POLY = np.array(
    [
        0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93,
        0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3,
        0x1D8E4E27C47D124F, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
    ],
    dtype=np.uint64,
)
MAX_NGRAM = len(_POLY)
_SEED = 20240611


_TABLE_SIZE = 0x30000  # BMP + supplementary ideographic planes; code points above are kept as they are


@lru_cache(maxsize=1)
def _char_map() -> np.ndarray:
    """Per code point: its comparison form (NFKC, lower case) or 0 when dropped.

    Dropped: whitespace, punctuation, symbols, controls, marks and ``_`` - everything that is not
    a letter or a number. A character whose NFKC form is several characters maps to the first
    letter/number of it (``①`` -> ``1``, ``㈠`` -> ``一``). Built once per machine (~0.3 s) and
    kept by :mod:`pipeline.resource_cache` (keyed by the Unicode version it was built with).
    """
    from pipeline import resource_cache

    key = resource_cache.digest(code=[_build_char_map], packages=[]) + unicodedata.unidata_version
    return resource_cache.cached("char_map", key, _build_char_map)


def _build_char_map() -> np.ndarray:
    table = np.zeros(_TABLE_SIZE, dtype=np.uint32)
    for cp in range(_TABLE_SIZE):
        ch = chr(cp)
        if unicodedata.category(ch)[0] not in "LN":
            norm = unicodedata.normalize("NFKC", ch) if cp > 0x7F else ch
            if norm == ch or not norm:
                continue
        else:
            norm = unicodedata.normalize("NFKC", ch) if cp > 0x7F else ch
        for c in norm.lower():
            if unicodedata.category(c)[0] in "LN":
                table[cp] = ord(c)
                break
    return table


def _mapped(cps: np.ndarray) -> np.ndarray:
    """Each code point's comparison form, 0 where it is dropped."""
    table = _char_map()
    if int(cps.max()) < _TABLE_SIZE:
        return table[cps]
    return np.where(cps < _TABLE_SIZE, table[np.minimum(cps, _TABLE_SIZE - 1)], cps)


def key_codepoints(text: str) -> np.ndarray:
    """The comparison form of ``text`` as a uint32 array of code points (see :func:`body_key`)."""
    if not text:
        return np.empty(0, dtype=np.uint32)
    mapped = _mapped(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
    return mapped[mapped != 0]


_LINE_WINDOW = 2000  # characters mapped at a time: an article's opening paragraphs are in the first


def long_line_keys(text: str, min_len: int, count: int) -> list[bytes]:
    """The comparison forms (UTF-32 bytes) of the first ``count`` lines of ``text`` whose form has at
    least ``min_len`` characters. The text is mapped a window of whole lines at a time (one mapping
    per window, not one per line), and only as far as those lines reach."""
    out: list[bytes] = []
    pos = 0
    while pos < len(text) and len(out) < count:
        cut = text.find("\n", pos + _LINE_WINDOW)
        stop = len(text) if cut < 0 else cut
        cps = np.frombuffer(text[pos:stop].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        mapped = _mapped(cps)
        start = 0
        for end in [*np.flatnonzero(cps == 10).tolist(), len(cps)]:
            if end - start >= min_len:
                seg = mapped[start:end]
                seg = seg[seg != 0]
                if seg.size >= min_len:
                    out.append(seg.tobytes())
                    if len(out) == count:
                        break
            start = end + 1
        pos = stop + 1
    return out


def body_key(text: str) -> str:
    """Comparison form of a body: per-character NFKC, lower case, only letters and numbers.

    Whitespace, punctuation and symbols are dropped, so re-spacing or re-punctuating a copy does
    not change it; full-width letters and digits equal their ASCII forms.
    """
    return key_codepoints(text).astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


def _fmix(h: np.ndarray) -> np.ndarray:
    """murmur3 64-bit finaliser, in place on a uint64 array."""
    h ^= h >> _S33
    h *= _M1
    h ^= h >> _S33
    h *= _M2
    h ^= h >> _S33
    return h


def shingle_hashes(key: str | np.ndarray, n: int) -> np.ndarray:
    """64-bit hashes of the character ``n``-grams of ``key`` (with repeats, in text order).

    ``key`` is a comparison key (str) or its code points (:func:`key_codepoints`). A key
    shorter than ``n`` but not empty is one shingle; an empty key has none.
    """
    if not 1 <= n <= MAX_NGRAM:
        raise ValueError(f"ngram must be in 1..{MAX_NGRAM}, got {n}")
    if len(key) == 0:
        return np.empty(0, dtype=np.uint64)
    if isinstance(key, str):
        key = np.frombuffer(key.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cp = key.astype(np.uint64)
    if len(cp) < n:
        n = len(cp)
    count = len(cp) - n + 1
    with np.errstate(over="ignore"):
        h = cp[:count] * _POLY[0]
        for k in range(1, n):
            h ^= cp[k : k + count]
            h *= _POLY[k]
        h += _U64(n)
        return _fmix(h)


@lru_cache(maxsize=16)
def _donors(num_perm: int) -> np.ndarray:
    """For each bin, a fixed random order of the bins it borrows from when empty (row i starts after i)."""
    rng = np.random.default_rng(_SEED + num_perm)
    rows = np.empty((num_perm, num_perm), dtype=np.int64)
    for i in range(num_perm):
        order = rng.permutation(num_perm)
        rows[i] = np.concatenate([order[order != i], [i]])
    return rows


def minhash(hashes: np.ndarray, num_perm: int, *, presorted: bool = False) -> np.ndarray:
    """One-permutation MinHash with optimal densification: ``num_perm`` uint32 values.

    All-zero for an empty shingle set (never used for near-duplicate search).
    """
    if hashes.size == 0:
        return np.zeros(num_perm, dtype=np.uint32)
    h = hashes if presorted else np.sort(hashes)
    with np.errstate(over="ignore"):
        bins = ((h >> _S32) * _U64(num_perm)) >> _S32  # monotone in h: the sorted order is the bin order
    starts = np.searchsorted(bins, np.arange(num_perm, dtype=np.uint64), side="left")
    ends = np.append(starts[1:], h.size)
    nonempty = starts < ends
    first = np.where(nonempty, starts, 0)
    # the smallest hash of the bin; its low 32 bits name the shingle (the high bits encode the bin)
    sig = (h[np.minimum(first, h.size - 1)] & _LOW32).astype(np.uint32)
    if not nonempty.all():
        empty = np.flatnonzero(~nonempty)
        donors = _donors(num_perm)[empty]
        pick = donors[np.arange(len(empty)), np.argmax(nonempty[donors], axis=1)]
        # mix the borrowing bin into the value so densified bins are not plain copies of the donor
        with np.errstate(over="ignore"):
            v = sig[pick].astype(np.uint64) * _POLY[1] + empty.astype(np.uint64) * _POLY[2]
        sig[empty] = (_fmix(v) & _LOW32).astype(np.uint32)
    return sig


def band_keys(sigs: np.ndarray, bands: int) -> np.ndarray:
    """LSH band keys (int64) of one signature (shape ``(P,)``) or many (``(N, P)``).

    ``rows = P // bands``; the last ``P - bands * rows`` values are unused.
    """
    one = sigs.ndim == 1
    s = np.atleast_2d(sigs)
    p = s.shape[1]
    if not 1 <= bands <= p:
        raise ValueError(f"bands must be in 1..num_perm ({p}), got {bands}")
    rows = p // bands
    s = s[:, : bands * rows].astype(np.uint64).reshape(s.shape[0], bands, rows)
    with np.errstate(over="ignore"):
        h = np.arange(1, bands + 1, dtype=np.uint64)[None, :] * _POLY[3]
        h = np.broadcast_to(h, s.shape[:2]).copy()
        for r in range(rows):
            h ^= s[:, :, r]
            h *= _POLY[4 + r % 8]
            h ^= h >> _S32
        keys = _fmix(h).view(np.int64)
    return keys[0] if one else keys


SET_BITS = 24  # bits of a shingle hash kept for verification: ~0.2 chance collisions per pair of 4 KB bodies


def shingle_set(hashes: np.ndarray, *, presorted: bool = False) -> np.ndarray:
    """The sorted set of 24-bit shingle hashes (top bits of the 64-bit hash), as uint32."""
    v = (hashes >> _U64(64 - SET_BITS)).astype(np.uint32)
    if not presorted:
        v.sort()
    if v.size < 2:
        return v
    keep = np.empty(v.size, dtype=bool)
    keep[0] = True
    np.not_equal(v[1:], v[:-1], out=keep[1:])
    return v[keep]


def sketch(hashes: np.ndarray, num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """``(minhash, shingle_set)`` with one sort of the hashes."""
    h = np.sort(hashes)
    return minhash(h, num_perm, presorted=True), shingle_set(h, presorted=True)


def pack_shingles(shingles: np.ndarray) -> bytes:
    """Sorted unique 24-bit values -> bytes, ~2 bytes per shingle, no text.

    Format ``\x01``: 256 uint16 counts of the values per top byte, then the low 16 bits of every
    value (sorted, so the top byte is implied). Format ``\x00`` (small sets): plain uint32 values.
    """
    if shingles.size == 0:
        return b""
    if shingles.size < 256:
        return b"\x00" + shingles.astype("<u4").tobytes()
    counts = np.bincount(shingles >> 16, minlength=256).astype("<u2")
    return b"\x01" + counts.tobytes() + (shingles & 0xFFFF).astype("<u2").tobytes()


def unpack_shingles(blob: bytes) -> np.ndarray:
    if not blob:
        return np.empty(0, dtype=np.uint32)
    if blob[0] == 0:
        return np.frombuffer(blob, dtype="<u4", offset=1).astype(np.uint32)
    counts = np.frombuffer(blob, dtype="<u2", count=256, offset=1)
    low = np.frombuffer(blob, dtype="<u2", offset=513).astype(np.uint32)
    return (np.repeat(np.arange(256, dtype=np.uint32), counts) << 16) | low


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two sorted unique arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - inter
    return inter / union, inter / min(a.size, b.size)


def estimate(sig_a: np.ndarray, sig_b: np.ndarray, n_a: int, n_b: int) -> tuple[float, float]:
    """Signature estimate of (Jaccard, containment) - only used to skip hopeless pairs before verifying."""
    j = float(np.count_nonzero(sig_a == sig_b)) / sig_a.size
    if n_a <= 0 or n_b <= 0:
        return j, 0.0
    inter = j * (n_a + n_b) / (1.0 + j)
    return j, min(1.0, inter / min(n_a, n_b))
