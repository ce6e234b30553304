"""The model fitting of ``pipeline.tag.learn`` on small made-up examples (no corpus needed)."""

from __future__ import annotations

from pipeline.tag import learn


def _examples() -> list[learn.Example]:
    """Every page mentions the topic; only the words beside the mention tell advice from a fraud report."""
    out = []
    for i in range(60):
        advice = i % 2 == 0
        near = {"要求": 0.6, "出示": 0.6, "授权书": 0.5} if advice else {"冒充": 0.6, "诈骗": 0.6, "骗子": 0.5}
        page = {"催收": 0.5, "平台": 0.5, "还款": 0.5, ("要求" if i % 4 < 2 else "冒充"): 0.5}  # page words: no signal
        out.append(learn.Example(f"x{i}", f"site:{i % 12}", "real", {"t": "yes" if advice else "no"},
                                 {"t": (1.0, 0.7)}, page, {"t": near}))
    return out


def test_site_folds_keep_a_site_on_one_side_and_cover_every_example() -> None:
    groups = [f"s{i % 7}" for i in range(30)]
    for repeat in range(3):
        folds = learn.site_folds(groups, repeat)
        assert sorted(i for _train, test in folds for i in test) == list(range(30))
        for train, test in folds:
            assert not {groups[i] for i in train} & {groups[i] for i in test}
    assert learn.site_folds(groups, 0) != learn.site_folds(groups, 1)  # another shuffle, other folds


def test_window_words_are_chosen_only_when_offered_and_stored_apart() -> None:
    ex = _examples()
    setting, _t, cv = learn.choose(ex, "t")
    assert not setting.window and cv["cv_strict_f1_real"] < 0.9  # the page words cannot tell the two kinds apart
    setting, t, cv = learn.choose(ex, "t", learn.FEATURE_SETS + learn.WINDOW_SETS)
    assert setting.window and cv["cv_strict_f1_real"] == 1.0
    model = learn.fit(ex, "t", setting, t)
    assert model["uses_window"] and model["window"]["授权书"] > 0 > model["window"]["冒充"]
    assert not any(w.startswith(learn.WINDOW_PREFIX) for w in model["words"])
