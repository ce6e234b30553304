"""Global resolution: which candidates of a run are copies, and of what.

Order of decisions (see the package docstring for the rules):

1. exact copies against the index (same body hash as an article written by an
   earlier run) -> duplicate of that article;
2. exact copies within the run -> one representative per body hash, the
   others are duplicates of it (similarity 1.0);
3. near-duplicates of indexed articles: LSH band keys looked up in
   ``dedup_bands``, every candidate pair verified with the real Jaccard /
   containment of the shingle sets -> duplicate of the indexed article, which
   stays canonical (its id is public) - unless the match is by containment
   alone and the run's page holds text of its own beyond the article's, a
   quarter of the article and at least 150 shingles (:func:`grown`): that text
   would be lost, so the page goes on to step 4, where it is an article, or a
   copy of a page of this run;
4. near-duplicates within the run: LSH pairs among the remaining
   representatives (sort-based, :func:`lsh_pairs`), a vectorised MinHash
   estimate to skip hopeless pairs, then every pair verified on the shingle
   sets; verified pairs are the edges of a graph. Clusters: first the run
   copies of indexed articles pull in their direct neighbours (the indexed
   article stays canonical; not a neighbour that has grown past it); then,
   in canonical-priority order (longest
   comparison key, then earliest ``published_at``, then id, then path), each
   unassigned representative becomes a canonical with its neighbours and
   their neighbours - at most two verified links from the canonical, so no
   long chains (A~B~C~D does not put A and D together), and no chain through a
   member that contains both ends (:func:`_through_superset`). A copy verified
   through another member carries ``via``.

An indexed article's own input found at a new path (the same bytes, which the old
path no longer holds: the caller's ``moved`` check) is not a copy of it:
the article is written again with its new source (``Decision.moved_from``).

``resolve`` only reads the DB; calling it twice gives the same answer.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from pipeline.dedup import index as ix
from pipeline.dedup import minhash as mh
from pipeline.record import SeenAt

if TYPE_CHECKING:
    from pipeline.config import DedupSettings, Settings
    from pipeline.dedup import Candidate, MoveCheck, Resolution

ESTIMATE_SLACK = 0.2  # a pair whose MinHash estimate is this far below both thresholds is not verified
MIN_CONTAINMENT_SHINGLES = 40  # containment alone never marks a body shorter than this (in shingles)
COMPLETE_RATIO = 0.9  # bodies within 10 % of the longest of their cluster count as complete
UNDAMAGED_RATIO = 0.6  # a clean copy this long beside a damaged one wins (garbage inflates the damaged one)
# an indexed article stays canonical, so a run's copy of it adds nothing to the output. A page that holds it
# (containment, Jaccard under the threshold) with text of its own beyond it, a quarter of the article and at
# least GROWN_MIN shingles (a roundup reprinting it with others, the full text of an article whose clip came
# first), is no copy of it, or that text would be written nowhere; a near copy (Jaccard >= the threshold:
# small edits either way, an editor's note) stays a copy
GROWN_SHARE = 0.25
GROWN_MIN = 150
MAX_VERIFY = 400  # LSH neighbours verified per candidate, most shared bands first
SHINGLE_CACHE_BYTES = 64 << 20  # unpacked shingle sets kept while verifying pairs


def priority(c: Candidate) -> tuple:
    """Canonical order: most complete body, undamaged, titled, then earliest date, then stable id, then path."""
    return (-c.key_len, c.damaged, not c.titled, c.date or "\uffff", c.id, c.path)


@dataclass(slots=True)
class Match:
    target: str
    similarity: float
    jaccard: float
    containment: float
    method: str
    via: str | None = None


class _Verifier:
    def __init__(self, ds: DedupSettings) -> None:
        self.t = ds.threshold
        self.ct = ds.containment_threshold
        self.verified = 0

    def check(self, sig_a, n_a: int, set_a, sig_b, n_b: int, set_b, estimated: bool = False) -> Match | None:
        """``set_a`` / ``set_b`` are callables returning the sorted shingle set (loaded only if needed)."""
        if n_a <= 0 or n_b <= 0:
            return None
        if not estimated and sig_a.size and sig_a.size == sig_b.size:
            ej, ec = mh.estimate(sig_a, sig_b, n_a, n_b)
            if ej < self.t - ESTIMATE_SLACK and (ec < self.ct - ESTIMATE_SLACK or min(n_a, n_b) < MIN_CONTAINMENT_SHINGLES):
                return None
        self.verified += 1
        j, c = mh.overlap(set_a(), set_b())
        if j >= self.t:
            return Match("", j, j, c, "near")
        if c >= self.ct and min(n_a, n_b) >= MIN_CONTAINMENT_SHINGLES:
            return Match("", c, j, c, "containment")
        return None

    def direct(self, a: Candidate, b: Candidate, sets) -> Match | None:
        """The real overlap of two candidates (no estimate), as a Match when they are copies."""
        if a.nshingles <= 0 or b.nshingles <= 0:
            return None
        return self.check(None, a.nshingles, sets(a), None, b.nshingles, sets(b), estimated=True)


def _through_superset(link, n_via: int, n_end: int, other, n_other: int) -> bool:
    """True when a chain end - via - other runs through a page that *contains* both ends.

    Containment does not chain that way: X inside F and E inside F say nothing of X and E
    (F is a page carrying both, or an article with another pasted under it). Through a
    common part it does: A and B that both contain the article O are both its copies.
    ``link`` joins the end to via, ``other`` joins via to the other end (Match or Decision).
    """
    return (link.method == "containment" and n_via > n_end
            and other.method == "containment" and n_via > n_other)


def grown(extra: float, n_article: int) -> bool:
    """A page holding ``extra`` shingles beyond an indexed article's ``n_article``: more than a copy of it."""
    return extra >= GROWN_MIN and extra >= GROWN_SHARE * n_article


def choose_canonical(members: list[Candidate]) -> int:
    """Index of the canonical of a cluster: a complete body, undamaged if one is, titled if one is, then the
    earliest date, then the id.

    "Complete": a comparison key at least ``COMPLETE_RATIO`` of the longest one (a clipped copy
    never wins; a copy that only gained a header/footer or lost a sentence does not beat the
    earlier-dated original for being a few characters longer). A damaged copy (mojibake,
    undecodable bytes, lost characters) gives way to a clean one at least ``UNDAMAGED_RATIO``
    of its length, since its garbage counts as text; never to a clean copy clipped shorter. A copy whose
    page states no title gives way to one whose page does: the article is published with its title.
    """
    longest = max(c.key_len for c in members)
    near = [i for i, c in enumerate(members) if c.key_len >= UNDAMAGED_RATIO * longest]
    pool = [i for i in near if not members[i].damaged] or near
    top = max(members[i].key_len for i in pool)
    complete = [i for i in pool if members[i].key_len >= COMPLETE_RATIO * top]
    return min(complete, key=lambda i: (not members[i].titled, members[i].date or "\uffff", members[i].id,
                                        members[i].path))


def lsh_pairs(band_keys: list[np.ndarray] | np.ndarray, max_run: int = MAX_VERIFY) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of documents sharing at least one LSH band key; shape ``(n, 2)``.

    ``band_keys``: one int64 array per document (empty: not searchable) or an ``(N, bands)``
    matrix. Sort-based, one band at a time, so the only memory that grows with the corpus is
    the ``N x bands`` key matrix (8 bytes per key) - no dict of buckets. A bucket of ``k``
    documents yields at most ``k * max_run`` pairs (each with its ``max_run`` predecessors).
    """
    if isinstance(band_keys, np.ndarray):
        mat, idx = band_keys, np.arange(len(band_keys), dtype=np.int64)
    else:
        idx = np.array([i for i, k in enumerate(band_keys) if k.size], dtype=np.int64)
        if not idx.size:
            return np.empty((0, 2), dtype=np.int64)
        mat = np.stack([band_keys[i] for i in idx.tolist()])
    out = []
    for b in range(mat.shape[1]):
        col = mat[:, b]
        order = np.argsort(col, kind="stable")
        keys, docs = col[order], idx[order]
        same = keys[1:] == keys[:-1]
        lag = 1
        while lag <= max_run and same.any():
            at = np.flatnonzero(same)
            out.append(np.stack([docs[at], docs[at + lag]], axis=1))
            lag += 1
            same = same[:-1] & (keys[lag:] == keys[:-lag])
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(out)
    pairs.sort(axis=1)
    return np.unique(pairs, axis=0)


def _prefilter(sigs: np.ndarray, nsh: np.ndarray, pairs: np.ndarray, ds: DedupSettings) -> np.ndarray:
    """Vectorised MinHash estimate: keep the pairs that may pass either threshold."""
    keep = np.zeros(len(pairs), dtype=bool)
    for lo in range(0, len(pairs), 65536):
        p = pairs[lo : lo + 65536]
        j = (sigs[p[:, 0]] == sigs[p[:, 1]]).mean(axis=1)
        na, nb = nsh[p[:, 0]], nsh[p[:, 1]]
        small = np.minimum(na, nb)
        c = np.minimum(1.0, j * (na + nb) / (1.0 + j) / np.maximum(small, 1))
        keep[lo : lo + 65536] = (j >= ds.threshold - ESTIMATE_SLACK) | (
            (c >= ds.containment_threshold - ESTIMATE_SLACK) & (small >= MIN_CONTAINMENT_SHINGLES)
        )
    return keep


def _better(m: Match, best: Match | None, rank: dict[str, tuple]) -> bool:
    if best is None:
        return True
    if m.similarity != best.similarity:
        return m.similarity > best.similarity
    return rank.get(m.target, ()) < rank.get(best.target, ())


def _seen(c: Candidate, similarity: float) -> SeenAt:
    return SeenAt(path=c.path, url=c.url, site=c.site, date=c.date, similarity=round(float(similarity), 6))


def resolve(
    cands: list[Candidate], conn: sqlite3.Connection, settings: Settings, moved: MoveCheck | None = None
) -> Resolution:
    from pipeline.dedup import Decision, Resolution, shingles_of

    ds = settings.dedup
    ix.ensure_schema(conn)
    ix.check_params(conn, ds)
    for c in cands:
        if c.nshingles > 0 and (c.ngram != ds.ngram or c.num_perm != ds.num_perm):
            raise ix.IndexMismatch(
                f"candidate {c.path} was fingerprinted with ngram={c.ngram}, num_perm={c.num_perm}; "
                f"settings ask for ngram={ds.ngram}, num_perm={ds.num_perm}"
            )
    res = Resolution()
    verifier = _Verifier(ds)
    ordered = sorted({c.path: c for c in cands}.values(), key=priority)

    def mark(members: list[Candidate], target: str, m: Match, target_path: str | None) -> None:
        sim = m.similarity  # exact copies of the representative share its similarity to the target
        for c in members:
            res.decisions[c.path] = Decision(
                duplicate_of=target,
                similarity=round(float(sim), 6),
                jaccard=round(float(m.jaccard), 6),
                containment=round(float(m.containment), 6),
                method=m.method,
                via=m.via,
            )
            if c.path != target_path:
                res.seen_at.setdefault(target, []).append(_seen(c, sim))

    # 1-2. exact copies ------------------------------------------------------
    indexed = ix.exact_matches(conn, (c.body_hash for c in ordered))
    groups: dict[str, list[Candidate]] = {}
    for c in ordered:
        groups.setdefault(c.body_hash, []).append(c)
    reps: list[tuple[Candidate, list[Candidate]]] = []  # representative, its exact copies (rep first)
    for h, members in groups.items():
        if h in indexed:
            old_id, old_path = indexed[h]
            own = [c for c in members if c.path == old_path and c.id == old_id]
            for c in own:  # the input that produced the indexed article, seen again: rewrite it as it is
                res.decisions[c.path] = Decision()
            if not own and old_path is not None and moved is not None:
                # that input, moved: of the members with its bytes, one with its file name (a moved
                # folder, a renamed parent), else the first in canonical order, becomes the source
                movers = [c for c in members if c.id == old_id and moved(c, old_id, old_path)]
                name = old_path.rsplit("/", 1)[-1]
                mover = min(movers, key=lambda c: c.path.rsplit("/", 1)[-1] != name, default=None)
                if mover is not None:
                    own = [mover]
                    res.decisions[mover.path] = Decision(moved_from=old_path)
            rest = [c for c in members if c not in own]
            if rest:
                mark(rest, old_id, Match(old_id, 1.0, 1.0, 1.0, "exact"), old_path)
            continue
        reps.append((members[0], members))

    # 3. near-duplicates of indexed articles ---------------------------------
    keys = {id(rep): ix._cand_band_keys(rep, ds.bands) for rep, _ in reps}
    all_keys = np.concatenate([k for k in keys.values() if k.size]) if any(k.size for k in keys.values()) else []
    hits = ix.band_matches(conn, all_keys) if len(all_keys) else {}
    shingle_cache: dict[int, np.ndarray] = {}
    cached_bytes = 0

    def cand_set(c: Candidate):
        def load() -> np.ndarray:
            nonlocal cached_bytes
            s = shingle_cache.get(id(c))
            if s is None:
                s = mh.unpack_shingles(shingles_of(c))
                if cached_bytes + s.nbytes > SHINGLE_CACHE_BYTES:  # bounded, whatever the run size
                    shingle_cache.clear()
                    cached_bytes = 0
                shingle_cache[id(c)] = s
                cached_bytes += s.nbytes
            return s

        return load

    def sig(c: Candidate) -> np.ndarray:
        return np.frombuffer(c.minhash, dtype="<u4") if c.minhash else np.empty(0, dtype=np.uint32)

    remaining: list[tuple[Candidate, list[Candidate]]] = []
    fixed: list[tuple[Candidate, str, str | None, int]] = []  # run representatives that are copies of indexed articles
    if hits:
        neighbour_ids: dict[int, Counter] = {}
        for rep, _ in reps:
            cnt: Counter = Counter()
            for k in keys[id(rep)].tolist():
                for aid in hits.get(k, ()):
                    cnt[aid] += 1
            if cnt:
                neighbour_ids[id(rep)] = cnt
        old = ix.load_articles(conn, {a for cnt in neighbour_ids.values() for a in cnt})
        old_rank = {a.id: (a.id,) for a in old.values()}
        for rep, members in reps:
            cnt = neighbour_ids.get(id(rep))
            best: Match | None = None
            if cnt:
                for aid, _ in cnt.most_common(MAX_VERIFY):
                    art = old.get(aid)
                    if art is None:
                        continue
                    m = verifier.check(
                        sig(rep), rep.nshingles, cand_set(rep), art.minhash, art.nshingles, lambda art=art: art.shingles
                    )
                    # a copy by containment alone: not when the page holds text of its own beyond the article's
                    # (its shingles less the shared ones)
                    if m is not None and not (m.method == "containment" and grown(
                            rep.nshingles - m.containment * min(rep.nshingles, art.nshingles), art.nshingles)):
                        m.target = aid
                        if _better(m, best, old_rank):
                            best = m
            if best is not None:
                art = old[best.target]
                # a changed version of the input that produced the article gets no new source (mark skips it)
                mark(members, best.target, best, art.path)
                fixed.append((rep, best.target, art.path, art.nshingles))
            else:
                remaining.append((rep, members))
    else:
        remaining = reps

    # 4. near-duplicates within the run ---------------------------------------
    # nodes: the copies of indexed articles found above (already decided), then the remaining representatives
    # in priority order. Edges: LSH pairs verified on the real shingle sets.
    nodes: list[Candidate] = [f[0] for f in fixed] + [r for r, _ in remaining]
    n_fixed = len(fixed)
    group_of = {id(r): m for r, m in remaining}
    edges: list[dict[int, Match]] = [{} for _ in nodes]
    pairs = lsh_pairs([keys[id(r)] for r in nodes])
    if pairs.size:
        pairs = pairs[~((pairs[:, 0] < n_fixed) & (pairs[:, 1] < n_fixed))]  # both already decided
    if pairs.size:
        sigs = np.stack([sig(r) if r.minhash else np.zeros(ds.num_perm, np.uint32) for r in nodes])
        nsh = np.array([r.nshingles for r in nodes], dtype=np.float64)
        keep = _prefilter(sigs, nsh, pairs, ds)
        for a, b in pairs[keep].tolist():
            ra, rb = nodes[a], nodes[b]
            m = verifier.check(sig(ra), ra.nshingles, cand_set(ra), sig(rb), rb.nshingles, cand_set(rb), estimated=True)
            if m is not None:
                edges[a][b] = m
                edges[b][a] = m

    # clusters: at most two verified links from the canonical (no long chains). Indexed articles first
    # (they stay canonical): a run copy of one pulls in its direct neighbours; then every unassigned
    # representative, in priority order, becomes a canonical with its neighbours and their neighbours.
    assigned: set[int] = set(range(n_fixed))

    def join(j: int, via: int | None, target: str, target_path: str | None, link: Match) -> None:
        assigned.add(j)
        m = Match(target, link.similarity, link.jaccard, link.containment, link.method)
        m.via = None if via is None else nodes[via].path
        mark(group_of[id(nodes[j])], target, m, target_path)

    def best_links(frontier: list[int]) -> dict[int, tuple[int, Match]]:
        out: dict[int, tuple[int, Match]] = {}
        for f in frontier:
            for j, m in edges[f].items():
                if j in assigned:
                    continue
                if j not in out or m.similarity > out[j][1].similarity:
                    out[j] = (f, m)
        return out

    for f, (_, target, target_path, n_article) in enumerate(fixed):
        for j, (_, m) in sorted(best_links([f]).items()):
            # through a copy of the indexed article, unless that copy holds both (see _through_superset),
            # and never a page too long to be a near copy of the article itself with text of its own (see grown)
            n_j = nodes[j].nshingles
            if not _through_superset(m, nodes[f].nshingles, n_j, res.decisions[nodes[f].path], n_article) \
                    and not (n_article < ds.threshold * n_j and grown(n_j - n_article, n_article)):
                join(j, f, target, target_path, m)
    apart: list[int] = []  # reached only through a containment link: not a copy of the canonical
    for i in range(n_fixed, len(nodes)):
        if i in assigned:
            continue
        assigned.add(i)
        parent: dict[int, tuple[int, Match]] = {}
        hop1 = best_links([i])
        for j, link in hop1.items():
            assigned.add(j)
            parent[j] = link
        hop2 = best_links(sorted(hop1))
        for j, link in hop2.items():
            assigned.add(j)
            parent[j] = link
        cluster = [i, *sorted(hop1), *sorted(hop2)]
        canon = choose_canonical([nodes[k] for k in cluster])
        c = cluster[canon]
        rep = nodes[c]
        res.decisions[rep.path] = Decision()
        members = group_of[id(rep)]
        if len(members) > 1:  # its exact copies
            mark(members[1:], rep.id, Match(rep.id, 1.0, 1.0, 1.0, "exact"), rep.path)
        for k in cluster:
            if k == c:
                continue
            m = verifier.direct(nodes[k], rep, cand_set)
            if m is None:  # not a copy of the canonical itself: of the member it was verified against
                via = parent[k][0] if k in parent else parent[c][0]
                if via == k:
                    via = c
                link = edges[k].get(via) or edges[via][k]
                to_rep = edges[via].get(c) or edges[c].get(via)
                if to_rep is not None and _through_superset(link, nodes[via].nshingles, nodes[k].nshingles,
                                                            to_rep, rep.nshingles):
                    apart.append(k)  # the member between them holds both: an article of its own
                    continue
                m = Match(rep.id, link.similarity, link.jaccard, link.containment, link.method)
                m.via = nodes[via].path
            m.target = rep.id
            mark(group_of[id(nodes[k])], rep.id, m, rep.path)
    for k in apart:
        rep = nodes[k]
        res.decisions[rep.path] = Decision()
        members = group_of[id(rep)]
        if len(members) > 1:  # its exact copies
            mark(members[1:], rep.id, Match(rep.id, 1.0, 1.0, 1.0, "exact"), rep.path)
    res.stats = {
        "candidates": len(ordered),
        "exact_groups": len(groups),
        "verified_pairs": verifier.verified,
        "duplicates": sum(1 for d in res.decisions.values() if d.duplicate_of),
    }
    return res
