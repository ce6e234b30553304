"""Step 4, choose the container: score blocks, sum up the ancestor chain, pick the best subtree.

A maximum-subtree search: prose counts for an element, link text and boilerplate-named
regions against it; the best candidates are compared after a readability-style sibling
merge, and the posts of a thread (same-template siblings, or numbered-id twins) are taken together.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from pipeline.extract.html.cues import _STRONG_FAMILIES, _cue_family, _has_pos_cue, _squash
from pipeline.extract.html.segment import _Blk


def _ancestors(el: etree._Element, cache: dict[etree._Element, tuple[etree._Element, ...]]):
    got = cache.get(el)
    if got is not None:
        return got
    parent = el.getparent()
    chain = (el,) if parent is None else (el, *_ancestors(parent, cache))
    cache[el] = chain
    return chain


def _prose(b: _Blk) -> int:
    """Tokens of sentence-like, mostly unlinked text."""
    return b.ntok - b.link_tok if b.punct and b.link_tok * 2 < b.ntok else 0


def _make_cache(blocks: list[_Blk]) -> dict:
    cache: dict = {"anc": {}, "cue": {}, "prose": {}, "total_prose": 0, "title_anc": set(), "title_prose": 0,
                   "link": {}, "ignored": ()}
    prose = cache["prose"]
    links = cache["link"]
    cache["blocks"] = blocks
    for b in blocks:
        if b.link_tok:
            for anc in _ancestors(b.owner, cache["anc"]):
                links[anc] = links.get(anc, 0) + b.link_tok
        p = _prose(b)
        if p:
            cache["total_prose"] += p
            for anc in _ancestors(b.owner, cache["anc"]):
                prose[anc] = prose.get(anc, 0) + p
    return cache


def _page_wide(el: etree._Element, cache: dict) -> bool:
    """The page itself or a wrapper around its title: its name ("showing-comments" on ``<body>``,
    a WordPress "hfeed" page wrapper) names no region of the page."""
    return el.tag in ("body", "html") or el in cache["title_anc"]


def _family_prose(cache: dict) -> dict[str, int]:
    """The prose under each strongly named family, all its regions together (by the nearest name
    below the page-wide wrappers); computed once the title is known."""
    got = cache.get("family_prose")
    if got is None:
        got = cache["family_prose"] = {}
        for b in cache["blocks"]:
            p = _prose(b)
            if not p:
                continue
            fam = next((f for anc in _ancestors(b.owner, cache["anc"])
                        if not _page_wide(anc, cache) and (f := _cue_family(anc))), None)
            if fam in _STRONG_FAMILIES:
                got[fam] = got.get(fam, 0) + p
    return got


def _block_value(b: _Blk) -> float:
    """Prose is positive, link text and boilerplate negative."""
    if b.family is not None:
        return -0.6 * b.ntok
    plain = b.ntok - b.link_tok
    ld = b.link_tok / b.ntok if b.ntok else 0.0
    if ld > 0.5:
        return -1.0 * b.link_tok
    if b.punct:
        v = plain - b.link_tok
    elif b.ntok < 15:
        v = -0.3 * b.ntok + 0.0
    else:
        v = 0.5 * plain - b.link_tok
    return v


_MAX_OUTSIDE_BOXES = 20  # prose tokens besides the title that may stand outside a thread's reply boxes


def _family_of(
    el: etree._Element, stop: etree._Element | None, cache: dict
) -> tuple[str | None, etree._Element | None]:
    """The nearest boilerplate-named ancestor (owner inclusive) below ``stop``, leaving out the
    families the caller's retry found misleading (``cache["ignored"]``)."""
    ignored = cache["ignored"]
    for anc in _ancestors(el, cache["anc"]):
        if anc is stop:
            break
        fam = cache["cue"].get(anc, 0)
        if fam == 0:
            fam = _cue_family(anc)
            if fam:
                # judge the whole region: climb while the ancestors carry the same family
                # (a list "comments" of items "comment-item")
                top = anc
                parent = top.getparent()
                while parent is not None and _cue_family(parent) == fam:
                    top, parent = parent, parent.getparent()
                if fam in _STRONG_FAMILIES:  # items of a named list inside a wrapper named alike, further up
                    top = next((a for a in reversed(_ancestors(top, cache["anc"]))
                                if not _page_wide(a, cache) and _cue_family(a) == fam), top)
                # a region holding most of the page's prose is not boilerplate, whatever its name
                # (strongly named regions only when they hold nearly all of it), nor one holding the title
                share = cache["prose"].get(top, 0) / cache["total_prose"] if cache["total_prose"] else 0.0
                if top in cache["title_anc"]:
                    fam = None
                elif fam in _STRONG_FAMILIES:
                    # a named comment/related/... region is trusted unless the page has no other prose
                    # (a comment-list page: then the comments are the content)
                    # (or in several regions of that name, a thread's posts in reply boxes of their
                    # own: then nothing but the title stands outside them)
                    outside = cache["total_prose"] - cache["prose"].get(top, 0)
                    together = _family_prose(cache).get(fam, 0)
                    if (share > 0.9 and outside < 80) or (
                        together > 0.9 * cache["total_prose"]
                        and cache["total_prose"] - together - cache["title_prose"] < _MAX_OUTSIDE_BOXES
                    ):
                        fam = None
                elif share > 0.4:
                    fam = None
            cache["cue"][anc] = fam
        if fam and fam not in ignored:
            return fam, anc
    return None, None


def _choose_container(blocks: list[_Blk], cache: dict) -> tuple[etree._Element | None, dict]:
    scores: dict[etree._Element, float] = {}
    for b in blocks:
        b.value = _block_value(b)
        for anc in _ancestors(b.owner, cache["anc"]):
            scores[anc] = scores.get(anc, 0.0) + b.value
    if not scores:
        return None, scores
    top5 = sorted(scores, key=scores.__getitem__, reverse=True)[:5]
    best = top5[0]
    if scores[best] <= 0:
        return None, scores
    # a paragraph whose siblings are the rest of the article beats a compact boilerplate box
    merged = {el: _merged_roots(el, scores, cache)[1] for el in top5 if scores[el] > 0}
    best = max(merged, key=merged.__getitem__)
    # near tie with a positive-cue descendant/ancestor: prefer the one named like an article body
    top = scores[best]
    if not _has_pos_cue(best):
        related = [*_ancestors(best, cache["anc"])[1:4], *(d for d in best.iter() if d in scores)]
        for el in related:
            if el is not best and scores.get(el, 0.0) >= 0.97 * top and _has_pos_cue(el):
                best = el
                break
    return best, scores


def _title_block(blocks: list[_Blk], title: str | None) -> int | None:
    """Index of the block showing the article title (an <h1>/<h2> first), or None."""
    sq = _squash(title or "")
    if len(sq) < 4:
        return None
    fallback = None
    for i, b in enumerate(blocks):
        if b.ntok > 120:
            continue
        bs = _squash(b.text)
        if bs == sq or (len(bs) >= 6 and bs in sq and len(bs) * 2 >= len(sq)):
            if b.heading in (1, 2):
                return i
            if fallback is None:
                fallback = i
    return fallback


def _merged_roots(container: etree._Element, scores: dict, cache: dict) -> tuple[set[etree._Element], float]:
    """The container and its prose-bearing siblings, with their summed score."""
    parent = container.getparent()
    best = scores.get(container, 0.0)
    if parent is None or container.tag in ("body", "html"):
        return {container}, best
    children = [c for c in parent if isinstance(c.tag, str)]
    kept = [c is container or scores.get(c, 0.0) >= max(10.0, 0.15 * best) for c in children]
    changed = True
    while changed:  # grow over adjacent positive, unlinked siblings
        changed = False
        for k, c in enumerate(children):
            if kept[k]:
                continue
            near = (k > 0 and kept[k - 1]) or (k + 1 < len(children) and kept[k + 1])
            if near and scores.get(c, 0.0) > 0 and cache["link"].get(c, 0) == 0:
                kept[k] = changed = True
    roots = {c for c, k in zip(children, kept, strict=True) if k}
    return roots, sum(scores.get(c, 0.0) for c in roots)


_MAX_ITEM_DEPTH = 7  # how far above the best post its item template may sit
_ID_NUMBER = re.compile(r"\d+$")


def _template(el: etree._Element) -> frozenset[str] | str | None:
    """What marks an element as one copy of an item template: its classes (numbered ones
    left out), or else a numbered id's stem ("post_53888" -> "post_"), as forum posts
    without classes carry."""
    cls = frozenset(c for c in (el.get("class") or "").split() if not c[-1].isdigit())
    if cls:
        return cls
    return _numbered_id_stem(el)


def _numbered_id_stem(el: etree._Element) -> str | None:
    ident = el.get("id") or ""
    stem = _ID_NUMBER.sub("", ident)
    return stem if stem and stem != ident else None


def _unlinked_items(items: list[etree._Element], cache: dict) -> bool:
    """Copies of a template that read as posts: mostly unlinked text, none named like boilerplate."""
    prose = sum(cache["prose"].get(c, 0) for c in items)
    links = sum(cache["link"].get(c, 0) for c in items)
    return prose > 2 * links and not any(cache["cue"].get(c) for c in items)


def _post_twins(container: etree._Element, cache: dict) -> set[etree._Element]:
    """The other posts' text boxes, by the container's numbered id ("postmessage_53961").

    Numbered ids are rows of a database, and a thread page prints one text box per post,
    each in a frame of its own (Discuz puts every post in a table), so the twins are not
    siblings. Each twin must read as a post by itself (link text, if any, under half its
    prose; a short unpunctuated reply has neither) and sit outside every boilerplate-named
    region; two are enough, a question and its answer.
    """
    stem = _numbered_id_stem(container)
    if stem is None or container.tag in ("body", "html"):
        return set()
    twins = [c for c in container.getroottree().iter(container.tag) if _numbered_id_stem(c) == stem]
    if len(twins) < 2:
        return set()
    # a twin that does not read as a post (a moderator's "该帖被屏蔽" notice, a link box) is left
    # out; the others stay posts
    good = {c for c in twins
            if not ((links := cache["link"].get(c, 0)) and links * 2 >= cache["prose"].get(c, 0))
            and _family_of(c, None, cache)[0] is None}
    return good if container in good and len(good) >= 2 else set()


def _repeated_items(container: etree._Element, cache: dict) -> set[etree._Element]:
    """Posts of a thread: when the body is one copy of a repeated item template, take all copies.

    Forum and Q&A pages repeat one item template per post; the best-scoring post is
    only the first of them. The copies are either the container's numbered-id twins
    (:func:`_post_twins`) or, a few levels up, same-template siblings (same tag and
    classes, or numbered ids with one stem). Items must be mostly unlinked text and not
    named like boilerplate.
    """
    twins = _post_twins(container, cache)
    if twins:
        return twins
    el = container
    for _ in range(_MAX_ITEM_DEPTH):
        parent = el.getparent()
        if parent is None or el.tag in ("body", "html") or parent.tag in ("body", "html"):
            return set()
        sig = _template(el)
        if sig is not None:
            same = [c for c in parent if c.tag == el.tag and _template(c) == sig]
            if len(same) < 3 and isinstance(sig, frozenset):
                # the opening post often carries a class more than the replies ("atl-item host-item"):
                # one template repeated, and boxes with a class more or less beside it (not three page
                # sections "pl bm" / "pl bm bmw" / "bm", none of them repeated)
                near = [c for c in parent if c.tag == el.tag and isinstance(t := _template(c), frozenset)
                        and t and (t <= sig or sig <= t)]
                if near and Counter(_template(c) for c in near).most_common(1)[0][1] >= 2:
                    same = near
            if len(same) >= 3 and _unlinked_items(same, cache):
                return set(same)
        el = parent
    return set()


_MAX_CHILD_DEPTH = 4  # how far below the container a thread's post list may sit
_MIN_ITEMS_SHARE = 0.6  # of the container's prose that the posts must hold


def _item_key(el: etree._Element) -> tuple[str, str] | None:
    """A post template's key among siblings: tag and first class, or tag and numbered-id stem
    (``div.post.bg1`` and ``div.post.bg2`` alternate; ``div#post_53888``). Untemplated
    elements (a bare ``<p>``) have none."""
    cls = next((c for c in (el.get("class") or "").split() if not c[-1].isdigit()), None)
    key = cls or _numbered_id_stem(el)
    return (el.tag, key) if key else None


def _child_items(container: etree._Element, cache: dict) -> set[etree._Element]:
    """Posts of a thread below the container: the container is the post list itself.

    The shallowest element (within a few levels) whose same-template children hold most
    of the container's prose, are mostly unlinked and are not named like boilerplate.
    Whether they are posts (a name or a date each) is for :func:`.posts.thread_posts`.
    """
    total = cache["prose"].get(container, 0)
    if not total:
        return set()
    level = [container]
    for _ in range(_MAX_CHILD_DEPTH):
        nxt = []
        for el in level:
            groups: dict[tuple[str, str], list[etree._Element]] = {}
            for c in el:
                if isinstance(c.tag, str):
                    nxt.append(c)
                    key = _item_key(c)
                    if key:
                        groups.setdefault(key, []).append(c)
            for same in groups.values():
                if len(same) >= 2 and sum(cache["prose"].get(c, 0) for c in same) >= _MIN_ITEMS_SHARE * total \
                        and _unlinked_items(same, cache):
                    return set(same)
        level = nxt
    return _cousin_items(container, cache, total)


def _cousin_items(container: etree._Element, cache: dict, total: int) -> set[etree._Element]:
    """Text boxes of one template under untemplated wrappers (``<div><h3>name</h3><div
    class="Post-body">``): same tag and class anywhere below the container, none inside
    another, holding most of its prose."""
    groups: dict[tuple[str, str], list[etree._Element]] = {}
    for el in container.iterdescendants():
        if isinstance(el.tag, str) and el.get("class"):
            key = _item_key(el)
            if key:
                groups.setdefault(key, []).append(el)
    best: list[etree._Element] = []
    best_prose = _MIN_ITEMS_SHARE * total
    for same in groups.values():
        if len(same) < 2:
            continue
        prose = sum(cache["prose"].get(c, 0) for c in same)
        if prose < best_prose or not _unlinked_items(same, cache):
            continue
        members = set(same)
        if any(a in members for c in same for a in c.iterancestors()):
            continue  # nested boxes of one class are a layout, not posts
        best, best_prose = same, prose
    return set(best)


def _members(
    blocks: list[_Blk], container: etree._Element | None, scores: dict, cache: dict
) -> tuple[list[int], set[etree._Element]]:
    """Blocks of the container, plus prose-bearing siblings (readability-style sibling merge),
    and the repeated post items taken with it (empty for an article).

    Table layouts often put the article's paragraphs directly into a cell that also
    holds link tables; then the best single element is one paragraph, and its good
    siblings (and the short unlinked sub-headings between them) belong to the body.
    """
    if container is None:
        return [], set()
    anc = cache["anc"]
    parent = container.getparent()
    roots = _merged_roots(container, scores, cache)[0]
    items = _repeated_items(container, cache) or _child_items(container, cache)
    roots |= items
    members = [i for i, b in enumerate(blocks) if not roots.isdisjoint(_ancestors(b.owner, anc))]
    if len(roots) > 1 and members:
        # fill the span: parent-owned text and short unlinked lines between the kept siblings
        first, last = members[0], members[-1]
        mset = set(members)
        for i in range(first, last + 1):
            b = blocks[i]
            if i in mset or parent not in _ancestors(b.owner, anc):
                continue
            if (b.owner is parent and b.value > 0) or (b.link_tok == 0 and b.ntok <= 30 and b.family is None):
                mset.add(i)
        members = sorted(mset)
    return members, items
