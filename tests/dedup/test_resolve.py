"""Exact and near copies across documents, canonical choice, the title-family trap."""

from __future__ import annotations

import sqlite3

import numpy as np
import opencc
import pytest

from pipeline import dedup
from pipeline.dedup import minhash as mh
from pipeline.eval.dedup import to_document

HEADER = ["来源：搜狐网 编辑：王磊 发布时间：2025-01-02", "点击上方蓝字关注我们，获取更多精彩内容"]
FOOTER = ["声明：本文内容来源于网络，仅供参考，不构成任何投资建议。", "责任编辑：李娜"]


@pytest.fixture
def conn():
    c = sqlite3.connect(":memory:", isolation_level=None)
    dedup.ensure_schema(c)
    yield c
    c.close()


def _resolve(dd, docs, conn, settings):
    return dedup.resolve(dd.prepared(docs, settings), conn, settings)


def test_id_is_stable_and_content_derived(dd, zh000, settings):
    a = dd.make_doc("a.txt", zh000, title="一")
    b = dd.make_doc("elsewhere/b.html", [p + " " for p in zh000], title="完全不同的标题", url="https://x")
    dedup.prepare_batch([a, b], settings)
    assert a.id == b.id == a.body_hash[:16]
    dedup.prepare_document(a, settings)  # preparing again changes nothing
    assert a.id == b.id
    assert len(a.id) == 16 and int(a.id, 16) >= 0


def test_exact_copy_with_other_title_is_duplicate_with_sources(dd, zh000, conn, settings):
    a = dd.make_doc("a.txt", zh000, title="支付宝逾期上门", url="https://a/1", site_name="A站", published_at="2024-12-08")
    b = dd.make_doc("b.txt", zh000, title="转载：上门催收怎么办", url="https://b/2", site_name="B站", published_at="2025-01-03")
    res = _resolve(dd, [b, a], conn, settings)
    assert res.decisions["a.txt"].duplicate_of is None  # earliest date wins a tie on length
    d = res.decisions["b.txt"]
    assert (d.duplicate_of, d.similarity, d.method) == (a.id, 1.0, "exact")
    [seen] = res.seen_at[a.id]
    assert (seen.path, seen.url, seen.site, seen.date) == ("b.txt", "https://b/2", "B站", "2025-01-03")


def test_near_copy_with_changed_words_and_boilerplate(dd, zh000, conn, settings):
    edited = [p.replace("支付宝", "支付平台", 1) if i % 5 == 0 else p for i, p in enumerate(zh000)]
    a = dd.make_doc("a.txt", zh000)
    b = dd.make_doc("b.txt", HEADER + edited + FOOTER, title="别的标题")
    res = _resolve(dd, [a, b], conn, settings)
    ja, _ = mh.overlap(*[mh.unpack_shingles(dedup.candidate(x).shingles) for x in (a, b)])
    assert ja < 1.0
    dup = [p for p, d in res.decisions.items() if d.duplicate_of]
    assert len(dup) == 1
    d = res.decisions[dup[0]]
    assert d.method in ("near", "containment") and d.similarity >= settings.dedup.threshold
    assert d.jaccard == pytest.approx(ja, abs=1e-4)


def test_clipped_copy_is_caught_by_containment(dd, zh000, conn, settings):
    a = dd.make_doc("full.txt", zh000)
    clip = zh000[: int(len(zh000) * 0.55)] + ["（未完，点击阅读全文）"]
    b = dd.make_doc("clip.txt", clip)
    res = _resolve(dd, [b, a], conn, settings)
    d = res.decisions["clip.txt"]
    assert res.decisions["full.txt"].duplicate_of is None  # most complete body is canonical
    assert d.duplicate_of == a.id and d.method == "containment"
    assert d.jaccard < settings.dedup.threshold <= d.containment


def test_same_title_and_opening_different_body_not_merged(dd, zh000, zh003, conn, settings):
    opening = "随着移动支付的日益普及，支付宝已成为咱们日常生活中的要紧一环。"
    a = dd.make_doc("a.txt", [opening] + zh000, title="支付宝逾期了怎么办")
    b = dd.make_doc("b.txt", [opening] + zh003, title="支付宝逾期了怎么办")
    res = _resolve(dd, [a, b], conn, settings)
    assert all(d.duplicate_of is None for d in res.decisions.values())


def test_title_family_from_generator_never_merged(corpus, conn, settings):
    """60 distinct synthetic articles, 20 title families sharing title, opening and closing lines."""
    docs = [to_document(it) for it in corpus]
    dedup.prepare_batch(docs, settings)
    res = dedup.resolve([dedup.candidate(d) for d in docs], conn, settings)
    assert sum(1 for d in res.decisions.values() if d.duplicate_of) == 0
    titles = {d.title for d in docs}
    assert len(titles) < len(docs)  # the trap is there: titles repeat


def test_traditional_twin_after_normalisation(dd, zh000, conn, settings):
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    trad = [s2t.convert(p) for p in zh000]
    assert trad != zh000
    twin = [t2s.convert(p) for p in trad]  # what the normalise stage hands to dedup
    a = dd.make_doc("simp.txt", zh000)
    b = dd.make_doc("trad.txt", twin, title=s2t.convert("支付宝逾期"))
    res = _resolve(dd, [a, b], conn, settings)
    assert sum(1 for d in res.decisions.values() if d.duplicate_of) == 1


def test_no_chains_beyond_two_links(dd, conn, settings, corpus):
    """A -> B -> C -> D, each step replacing a third of the body: A and D are unrelated and stay apart."""
    paras = [p for it in corpus[:12] for p in it.paragraphs]
    n = 30
    a = paras[:n]
    b = a[: 2 * n // 3] + paras[n : n + n // 3]
    c = b[n // 3 :] + paras[2 * n : 2 * n + n // 3]
    d = c[n // 3 :] + paras[3 * n : 3 * n + n // 3]
    docs = [dd.make_doc(p, x) for p, x in zip("abcd", (a, b, c, d), strict=True)]
    res = _resolve(dd, docs, conn, settings)
    targets = {p: dec.duplicate_of for p, dec in res.decisions.items()}
    assert targets["a"] is None or targets["d"] is None or targets["a"] != targets["d"]


def test_resolve_is_idempotent_and_read_only(dd, zh000, zh003, conn, settings):
    docs = [dd.make_doc("a", zh000), dd.make_doc("b", zh000[3:]), dd.make_doc("c", zh003)]
    cands = dd.prepared(docs, settings)
    first = dedup.resolve(cands, conn, settings)
    second = dedup.resolve(list(reversed(cands)), conn, settings)
    assert first.decisions == second.decisions
    assert first.seen_at == second.seen_at
    assert conn.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0] == 0


def test_short_and_empty_bodies_only_match_exactly(dd, conn, settings):
    docs = [dd.make_doc("a", ["短文"]), dd.make_doc("b", ["短文。"]), dd.make_doc("c", ["短句"]), dd.make_doc("e", [])]
    res = _resolve(dd, docs, conn, settings)
    assert res.decisions["b"].duplicate_of == docs[0].id or res.decisions["a"].duplicate_of == docs[1].id
    assert res.decisions["c"].duplicate_of is None


def test_minhash_estimates_jaccard(zh000, zh003):
    ka, kb = mh.body_key("".join(zh000)), mh.body_key("".join(zh000[5:] + zh003[:10]))
    ha, hb = mh.shingle_hashes(ka, 5), mh.shingle_hashes(kb, 5)
    j, _ = mh.overlap(mh.shingle_set(ha), mh.shingle_set(hb))
    est, _ = mh.estimate(mh.minhash(ha, 256), mh.minhash(hb, 256), 1, 1)
    assert 0.2 < j < 0.9
    assert abs(est - j) < 0.1
    assert np.array_equal(mh.band_keys(mh.minhash(ha, 128), 32), mh.band_keys(mh.minhash(ha, 128), 32))


def test_packed_shingles_round_trip(zh000):
    s = mh.shingle_set(mh.shingle_hashes(mh.body_key("".join(zh000)), 5))
    assert np.array_equal(mh.unpack_shingles(mh.pack_shingles(s)), s)


def test_canonical_rule_complete_then_earliest_date(dd, zh000, conn, settings):
    """A republication that only gained header/footer lines does not beat the earlier original;
    a clipped copy never becomes canonical, whatever its date."""
    original = dd.make_doc("orig.txt", zh000, published_at="2024-12-08")
    framed = dd.make_doc("framed.txt", HEADER + zh000 + FOOTER, published_at=None)
    clipped = dd.make_doc("clip.txt", zh000[: len(zh000) // 2], published_at="2020-01-01")
    res = _resolve(dd, [framed, clipped, original], conn, settings)
    assert res.decisions["orig.txt"].duplicate_of is None
    assert res.decisions["framed.txt"].duplicate_of == original.id
    assert res.decisions["clip.txt"].duplicate_of == original.id
    assert res.decisions["clip.txt"].method == "containment"
    assert {s.path for s in res.seen_at[original.id]} == {"framed.txt", "clip.txt"}


def test_a_copy_whose_page_states_a_title_is_canonical_over_an_untitled_one(dd, zh000, conn, settings):
    """The same body scraped twice, once without its headline: the article is published with its title
    (it was the untitled copy when that one came first by date or id)."""
    untitled = dd.make_doc("a_untitled.txt", zh000, title="", published_at="2020-01-01")
    titled = dd.make_doc("b_titled.txt", zh000[:-1] + [zh000[-1] + "。"], published_at="2024-12-08")
    res = _resolve(dd, [untitled, titled], conn, settings)
    assert res.decisions["b_titled.txt"].duplicate_of is None
    assert res.decisions["a_untitled.txt"].duplicate_of == titled.id
    # an exact copy as well: one representative per body, the titled one
    exact = dd.make_doc("c_untitled.txt", zh000, title="", published_at="2020-01-01")
    again = dd.make_doc("d_titled.txt", zh000, published_at="2024-12-08")
    res = _resolve(dd, [exact, again], conn, settings)
    assert res.decisions["c_untitled.txt"].duplicate_of is not None
    assert res.decisions["d_titled.txt"].duplicate_of is None


def test_expanded_republication_is_more_complete(dd, zh000, zh003, conn, settings):
    """A copy with a third more text (a longer version) is canonical over the shorter original."""
    original = dd.make_doc("orig.txt", zh000, published_at="2024-12-08")
    longer = dd.make_doc("long.txt", zh000 + zh003[:12], published_at="2025-03-01")
    res = _resolve(dd, [original, longer], conn, settings)
    assert res.decisions["long.txt"].duplicate_of is None
    assert res.decisions["orig.txt"].duplicate_of == longer.id
    assert original.signature.key_len < 0.9 * longer.signature.key_len  # the test means what it says


def test_a_page_carrying_an_indexed_article_and_another_is_an_article_of_its_own(dd, zh000, zh003, conn, settings):
    """X is indexed; F = X + E arrives with E alone. F holds more than X (E's text): folded into X, that text
    would be written nowhere, so F is an article; E is a copy of F (it holds nothing F lacks), never of X."""
    x = dd.make_doc("x.txt", zh000)
    dd.commit_index(conn, dd.prepared([x], settings), "run1")
    f = dd.make_doc("f.txt", zh000 + zh003, title="合集")
    e = dd.make_doc("e.txt", zh003, title="另一篇")
    res = _resolve(dd, [f, e], conn, settings)
    assert res.decisions["f.txt"].duplicate_of is None
    assert res.decisions["e.txt"].duplicate_of in (None, f.id)
    assert x.id not in res.seen_at


def test_a_roundup_reprinting_an_indexed_article_keeps_the_others_text(dd, zh000, zh003, conn, settings):
    """The next run brings a page that reprints X whole beside another article: not X's copy (the other
    article's text would be lost); X's own republication stays its copy, and so does X with a third more
    text (Jaccard over the threshold: a near copy, small edits either way)."""
    x = dd.make_doc("x.txt", zh000)
    dd.commit_index(conn, dd.prepared([x], settings), "run1")
    roundup = dd.make_doc("roundup.txt", zh000 + zh003, title="本周合集")
    framed = dd.make_doc("framed.txt", HEADER + zh000 + FOOTER)
    longer = dd.make_doc("longer.txt", zh000 + zh003[: len(zh003) // 3], title="扩充版")
    res = _resolve(dd, [roundup, framed, longer], conn, settings)
    assert res.decisions["roundup.txt"].duplicate_of is None
    assert res.decisions["framed.txt"].duplicate_of == x.id
    assert res.decisions["longer.txt"].duplicate_of == x.id and res.decisions["longer.txt"].method == "near"


def test_a_later_copy_with_an_editors_note_stays_a_copy_of_a_short_article(dd, conn, settings):
    """What a copy adds (a note, a header) is not text to keep: only a quarter of the article and 150 shingles more."""
    short = ["网贷逾期以后，借款人首先要核实催收方的身份，确认对方确实是平台委托的机构，再谈还款安排。",
             "如果暂时无力偿还，可以主动联系平台说明情况，提出延期或者分期的请求，并保留好所有的沟通记录。"]
    x = dd.make_doc("x.txt", short)
    dd.commit_index(conn, dd.prepared([x], settings), "run1")
    noted = dd.make_doc("noted.txt", ["编者按：本文转载自读者投稿，观点仅代表作者本人，供大家参考。"] + short)
    res = _resolve(dd, [noted], conn, settings)
    assert res.decisions["noted.txt"].duplicate_of == x.id


def test_copies_that_both_contain_one_article_stay_together(dd, zh000, zh003, conn, settings):
    """A = O + a and B = O + b chain through O (a part both hold): both are copies of one article."""
    a = dd.make_doc("a.txt", zh000 + zh003[:3], title="一")
    o = dd.make_doc("o.txt", zh000, title="二")
    b = dd.make_doc("b.txt", zh000 + zh003[-3:], title="三")
    res = _resolve(dd, [a, o, b], conn, settings)
    assert sum(d.duplicate_of is None for d in res.decisions.values()) == 1


def test_an_indexed_articles_own_input_at_a_new_path_is_its_source_not_its_copy(dd, zh000, conn, settings):
    """The check says which candidate is the article's input moved (the caller knows the raw folder): the
    first such candidate in canonical order takes the article over, the other exact copies stay copies."""
    x = dd.make_doc("old/x.txt", zh000, sha256="aa")
    dd.commit_index(conn, dd.prepared([x], settings), "run1")
    b = dd.make_doc("new/x.txt", zh000, sha256="aa")
    c = dd.make_doc("new/y.txt", zh000, sha256="aa")
    d = dd.make_doc("mirror/x.txt", zh000, sha256="bb")
    asked = []

    def moved(cand, article_id, old_path):
        asked.append((cand.path, article_id, old_path))
        return old_path == "old/x.txt" and cand.input_sha256 == "aa"

    res = dedup.resolve(dd.prepared([d, c, b], settings), conn, settings, moved)
    assert res.decisions["new/x.txt"].moved_from == "old/x.txt"
    assert res.decisions["new/x.txt"].duplicate_of is None
    assert res.decisions["new/y.txt"].duplicate_of == x.id and res.decisions["mirror/x.txt"].duplicate_of == x.id
    assert {s.path for s in res.seen_at[x.id]} == {"new/y.txt", "mirror/x.txt"}
    assert {a for _p, a, _o in asked} == {x.id}
    # without the check (or when it says no) every one of them is a copy, as before
    res = dedup.resolve(dd.prepared([d, c, b], settings), conn, settings, lambda *_: False)
    assert all(res.decisions[p].duplicate_of == x.id for p in ("new/x.txt", "new/y.txt", "mirror/x.txt"))


def test_a_clean_copy_is_canonical_over_a_garbled_longer_one(dd, zh000, conn, settings):
    """Garbage counts as text to the length rule: a copy flagged as damaged never wins over a clean one."""
    garbled = dd.make_doc("garbled.txt", [*zh000, "涓銆佺‘璁ゅ€哄姟閲戦", "鍙互鍚戞硶闄㈡彁鍑鸿皟鏁"], flags=["mojibake"],
                          published_at="2024-01-01")
    clean = dd.make_doc("clean.txt", zh000, published_at="2024-06-01")
    res = _resolve(dd, [garbled, clean], conn, settings)
    assert res.decisions["clean.txt"].duplicate_of is None
    assert res.decisions["garbled.txt"].duplicate_of == clean.id
    # with both clean, the earlier date wins as before
    other = dd.make_doc("other.txt", [*zh000, "补充一句。"], published_at="2024-01-01")
    res = _resolve(dd, [other, dd.make_doc("clean.txt", zh000, published_at="2024-06-01")], conn, settings)
    assert res.decisions["other.txt"].duplicate_of is None


def _lose_characters(paragraphs: list[str], every: int) -> list[str]:
    """Every ``every``-th Han character of the text lost as '？' (what normalisation writes for a bare '?')."""
    out, n = [], 0
    for p in paragraphs:
        chars = list(p)
        for i, ch in enumerate(chars):
            if "\u4e00" <= ch <= "\u9fff":
                n += 1
                if n % every == 0:
                    chars[i] = "？"
        out.append("".join(chars))
    return out


def test_a_copy_with_characters_lost_as_question_marks_gives_way_to_a_clean_one(dd, zh000, conn, settings):
    """A bare '?' for a lost character carries no flag; its density marks the copy as damaged."""
    lossy = dd.make_doc("lossy.txt", _lose_characters(zh000, 33), published_at="2024-01-01")
    clean = dd.make_doc("clean.txt", zh000, published_at="2024-06-01")
    assert dedup.damaged(lossy) and not dedup.damaged(clean)
    res = _resolve(dd, [lossy, clean], conn, settings)
    assert res.decisions["clean.txt"].duplicate_of is None
    assert res.decisions["lossy.txt"].duplicate_of == clean.id


@pytest.mark.parametrize(("text", "marks"), [
    ("逾期了？别慌，先看合同。催收说要起诉？这是吓唬人。", 2),  # rhetorical questions: counted, but only two
    ("花呗逾期怎么办？可以协商吗？你知道什么是停息挂账？", 0),  # questions that ask
    ("协？还款的时候，先核实对？方身份，再谈方案。", 2),  # inside words
    ("还款计划?\n下一行", 0),  # not between Han characters
])
def test_lost_marks_counts_marks_that_close_no_question(text, marks):
    assert dedup.lost_marks(text) == marks


def test_a_few_rhetorical_questions_are_no_damage(dd):
    text = "网贷逾期每天睡不好？别慌。" + "按时还款是最好的办法，如果确实困难可以先和平台沟通。" * 30 + "催收说要上门？不用怕。"
    assert dedup.lost_marks(text) == 2 and not dedup.damaged(dd.make_doc("q.txt", [text]))


def test_a_complete_damaged_article_is_canonical_over_a_clipped_clean_copy(dd, zh000, conn, settings):
    """One bad byte must not hand the article to a repost cut to a fraction of it."""
    full = dd.make_doc("full.txt", zh000, flags=["decode_errors"], published_at="2024-01-01")
    clipped = dd.make_doc("clipped.txt", zh000[: max(2, len(zh000) // 3)], published_at="2024-01-01")
    res = _resolve(dd, [clipped, full], conn, settings)
    assert res.decisions["full.txt"].duplicate_of is None
    assert res.decisions["clipped.txt"].duplicate_of == full.id


def _articles_and_excerpts(n: int, share: float):
    """``n`` generated articles, and each one cut after the paragraphs that make ``share`` of it."""
    from pipeline.eval.dedup_corpus import Generator

    gen = Generator(5)
    out = []
    for i in range(n):
        paras = gen.article(i, i).paragraphs
        total, kept = sum(map(len, paras)), []
        for p in paras:
            if sum(map(len, kept)) >= share * total:
                break
            kept.append(p)
        out.append((paras, [*kept, "（未完，点击阅读全文）"]))
    return out


def test_an_excerpt_of_an_articles_opening_is_found_as_its_copy(dd, conn, settings):
    """A quarter of an article shares too few shingles for LSH (Jaccard about 0.3); its opening paragraphs
    are the article's, word for word, and the opening keys propose the pair."""
    pairs = _articles_and_excerpts(12, 0.25)
    docs = []
    for i, (full, excerpt) in enumerate(pairs):
        docs += [dd.make_doc(f"full/{i}.txt", full), dd.make_doc(f"excerpt/{i}.txt", excerpt)]
    res = _resolve(dd, docs, conn, settings)
    for i in range(len(pairs)):
        assert res.decisions[f"full/{i}.txt"].duplicate_of is None
        d = res.decisions[f"excerpt/{i}.txt"]
        assert d.duplicate_of == next(x.id for x in docs if x.path == f"full/{i}.txt"), i
        assert d.method == "containment" and d.jaccard < 0.45


def test_an_excerpt_in_a_later_run_is_a_copy_of_the_indexed_article(dd, tmp_path, settings):
    conn = dd.open_db(tmp_path / "index.sqlite")
    pairs = _articles_and_excerpts(8, 0.25)
    full = [dd.make_doc(f"run1/{i}.txt", f) for i, (f, _) in enumerate(pairs)]
    cands = dd.prepared(full, settings)
    dd.commit_index(conn, cands, "r1")
    res = _resolve(dd, [dd.make_doc(f"run2/{i}.txt", e) for i, (_, e) in enumerate(pairs)], conn, settings)
    assert [res.decisions[f"run2/{i}.txt"].duplicate_of for i in range(len(pairs))] == [c.id for c in cands]


def test_opening_keys_pair_paragraphs_so_a_shared_lead_is_no_shared_key(dd, settings):
    lead = "近年来，随着互联网金融的快速发展，各类借贷产品层出不穷，给人们的生活带来了便利，也带来了新的问题。"
    a = [lead, "信用卡逾期以后，第一件事是弄清楚欠款的本金、利息和违约金各是多少，再和银行沟通还款的办法。", "第三段的文字。" * 10]
    b = [lead, "网贷平台的催收电话打到家人那里时，可以要求对方停止骚扰，并保留通话录音，必要时向监管部门投诉。", "第三段的文字。" * 10]
    ka, kb = dedup.opening_keys("\n".join(a)), dedup.opening_keys("\n".join(b))
    assert len(ka) == len(kb) == 2 and not set(ka) & set(kb)
    # a header paragraph added on top still leaves a pair in common
    assert set(dedup.opening_keys("\n".join(["编者按：" + "这是一段加在文章前面的很长的按语，用来说明转载的来源和目的。" * 2, *a]))) & set(ka)
    # every fingerprint has the same number of keys: short texts repeat a band key
    fp = dedup.fingerprint(dedup.body_key("短短一段话，没有长段落。" * 3), settings, "短短一段话，没有长段落。" * 3)
    assert fp.band_keys.size == settings.dedup.bands + dedup.OPENING_KEYS


def test_long_line_keys_read_lines_across_the_mapping_window():
    """Lines are mapped a window at a time; a long line that crosses the window's end is read whole."""
    short = "标题\n" * 700  # 2,100 characters of short lines first: past the first window
    long_line = "逾期以后要和银行协商还款，先弄清楚欠款的本金和利息。" * 4
    text = short + long_line + "\n" + "，。！" * 30 + "\n" + long_line[::-1] + "\n" + long_line
    keys = mh.long_line_keys(text, 40, 3)
    expected = [dedup.body_key(x).encode("utf-32-le") for x in (long_line, long_line[::-1], long_line)]
    assert keys == expected
    assert mh.long_line_keys(text, 40, 1) == expected[:1] and mh.long_line_keys("短\n短", 40, 2) == []


def test_a_copy_saved_as_a_file_is_listed_at_the_address_it_declares(dd, zh000, conn, settings):
    """A file has no crawl URL; its ``<link rel=canonical>`` says where the copy lives, and ``also_seen_at`` shows it."""
    a = dd.make_doc("a.txt", zh000, published_at="2024-01-01")
    b = dd.make_doc("b.html", zh000, canonical_url="https://b.example.com/a/1.html", published_at="2024-02-01")
    c = dd.make_doc("c.jsonl#1", zh000, url="https://c.example.com/x", canonical_url="https://c.example.com/y",
                    published_at="2024-03-01")
    res = _resolve(dd, [a, b, c], conn, settings)
    assert {s.path: s.url for s in res.seen_at[a.id]} == {"b.html": "https://b.example.com/a/1.html",
                                                          "c.jsonl#1": "https://c.example.com/x"}
