"""Write a realistic fake pipeline output directory (what a run writes) for the report tests.

    python tests/report/make_fixture.py OUT [--crafted]

writes ``OUT/articles/*.json``, ``OUT/runs/<run_id>/{manifest.json,run.json,blocks.jsonl}``
for two runs (an older one and the newest), in exactly the shapes the writer
produces. ``--crafted`` plants hostile scraped values (script tags, ``onerror=``
attributes, template syntax) in titles, paragraphs, comments, paths and
reasons, to prove the report escapes every scraped value.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

OLD_RUN = "20261122T080000Z-1a2b"
RUN = "20261123T090000Z-3c4d"

TOPIC_NAMES = {
    "finance": "金融理财",
    "law": "法律维权",
    "health": "医疗健康",
    "tech": "科技数码",
    "education": "教育考试",
}
THRESHOLDS = {"finance": 0.5, "law": 0.55, "health": 0.5, "tech": 0.6, "education": 0.5}

XSS_IMG = "<img src=x onerror=window.__xss=1;alert(1)>"
XSS_SCRIPT = "</script><script>window.__xss=2;alert(2)</script>"
XSS_TEMPLATE = "{{7*7}}"
XSS_SVG = '"><svg onload=window.__xss=3;alert(3)>'


def _sections(spec: list[tuple[str | None, list[str]]]) -> list[dict[str, Any]]:
    return [{"heading": h, "level": 0 if h is None else 2, "paragraphs": ps} for h, ps in spec]


# id, path, site, date, title, sections, scores, evidence {label: [(para, sentence, terms)]},
# comments, removed blocks before/after (kind, text), script, flags, redactions
ARTICLES: list[dict[str, Any]] = [
    {
        "id": "a1f0c3d2e4b5a697",
        "path": "sites/licai/2024/12/alipay-overdue.html",
        "site": "理财之家",
        "date": "2024-12-08T11:31:43+08:00",
        "title": "支付宝逾期了要上门如何应对",
        "sections": [
            (None, ["随着移动支付的日益普及，支付宝已成为我们日常生活中的重要一环。有时由于种种原因，我们可能会面临逾期未还款的难题。"]),
            ("一、保持冷静理性应对", ["在面对催收人员上门时，首先要保持冷静，不要表现出慌乱和激动的情绪。情绪化的反应不仅无助于解决问题，反而可能使问题复杂化。"]),
            ("二、核实人员身份", ["在与催收人员接触之前，必须先核实对方的身份。请对方出示工作证件或其他官方授权文件，并查看是否有正式的委托书。",
                                "如果对方采取威胁、恐吓等违法手段催收，可以保留录音证据并向当地公安机关报警，必要时咨询律师维护自身合法权益。"]),
        ],
        "scores": {"finance": 0.86, "law": 0.57, "health": 0.02, "tech": 0.05, "education": 0.0},
        "evidence": {
            "finance": [(0, "有时由于种种原因，我们可能会面临逾期未还款的难题。", ["逾期", "还款"])],
            "law": [(3, "如果对方采取威胁、恐吓等违法手段催收，可以保留录音证据并向当地公安机关报警，必要时咨询律师维护自身合法权益。", ["违法", "律师", "合法权益"])],
        },
        "comments": [{"author": "网友小李", "role": "reader", "date": "2024-12-09T00:00:00+08:00", "date_precision": "day", "text": "上次遇到上门催收，确实先要核实身份。"}],
        "before": [("breadcrumb", "首页 > 行业资讯 > 正文"), ("dateline", "2024 12/ 08 11:31:43 来源:国俊艾"), ("share", "字体: 大 中 小 分享到微信")],
        "after": [("related", "相关阅读：信用卡逃单怎么办？网贷逾期会坐牢吗？"), ("disclaimer", "免责声明：本文仅代表作者个人观点，与本站无关。"), ("footer", "Copyright © 2025 理财之家 版权所有 京ICP备12345678号")],
        "script": "zh-Hans",
        "flags": [],
        "redactions": {"phone": 1},
        "normalize": {"punct_width": 12, "space": 4},
    },
    {
        "id": "b2e1d4c3f5a6b788",
        "path": "sites/lawhelp/labor-contract.html",
        "site": "法律快车",
        "date": "2025-01-15T09:00:00+08:00",
        "title": "公司不签劳动合同，员工可以要求双倍工资吗？",
        "sections": [
            (None, ["用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。"]),
            ("如何举证", ["劳动者可以通过工资条、考勤记录、工作证、同事证言等证明存在劳动关系，并在仲裁时效内向劳动争议仲裁委员会申请仲裁。"]),
        ],
        "scores": {"finance": 0.31, "law": 0.93, "health": 0.0, "tech": 0.0, "education": 0.04},
        "evidence": {"law": [(0, "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。", ["劳动合同", "劳动者"]),
                             (1, "并在仲裁时效内向劳动争议仲裁委员会申请仲裁。", ["仲裁"])]},
        "comments": [],
        "before": [("breadcrumb", "法律快车 > 劳动纠纷 > 劳动合同"), ("dateline", "发布时间：2025-01-15 浏览：3021")],
        "after": [("ad", "免费咨询律师，24小时在线解答 点击咨询>>"), ("footer", "关于我们 | 联系我们 | 网站地图")],
        "script": "zh-Hant",
        "flags": [],
        "redactions": {},
        "normalize": {"t2s": 38, "punct_width": 5},
    },
    {
        "id": "c3d2e5f4a6b7c899",
        "path": "sites/jiankang/hypertension-diet.html",
        "site": "健康时报",
        "date": "2025-02-03T14:20:00+08:00",
        "title": "高血压患者饮食要注意哪些？医生给出五条建议",
        "sections": [
            (None, ["高血压是常见的慢性病，合理饮食对控制血压非常重要。专家建议每日食盐摄入量不超过5克。"]),
            ("多吃新鲜蔬果", ["新鲜蔬菜和水果富含钾元素，有助于排出体内多余的钠，从而帮助降低血压。"]),
            ("遵医嘱服药", ["饮食调节不能代替药物治疗，患者应在医生指导下规律服用降压药，并定期监测血压。"]),
        ],
        "scores": {"finance": 0.0, "law": 0.0, "health": 0.95, "tech": 0.02, "education": 0.0},
        "evidence": {"health": [(0, "高血压是常见的慢性病，合理饮食对控制血压非常重要。", ["高血压", "慢性病", "血压"]),
                                (2, "患者应在医生指导下规律服用降压药，并定期监测血压。", ["患者", "医生", "降压药"])]},
        "comments": [{"author": "王医生", "role": "expert", "date": "2025-02-04T00:00:00+08:00", "date_precision": "day", "text": "补充一点：老年患者降压不宜过快。"}],
        "before": [("breadcrumb", "健康时报 > 慢病管理")],
        "after": [("comment_form", "发表评论 请登录后发言"), ("footer", "健康时报社 版权所有")],
        "script": "zh-Hans",
        "flags": ["mojibake_repaired"],
        "redactions": {},
        "normalize": {"mojibake_repaired": 3, "space": 2},
    },
    {
        "id": "d4c3f6a5b7c8d9aa",
        "path": "sites/keji/phone-battery.html",
        "site": "科技日报网",
        "date": "2025-03-10T08:05:00+08:00",
        "title": "手机电池不耐用？这几个设置一定要关掉",
        "sections": [
            (None, ["智能手机用久了，电池续航明显下降。其实很多耗电的功能平时根本用不上。"]),
            ("关闭后台刷新", ["在系统设置中关闭应用的后台刷新和定位服务，可以显著延长电池续航时间。"]),
        ],
        "scores": {"finance": 0.03, "law": 0.0, "health": 0.0, "tech": 0.62, "education": 0.0},
        "evidence": {"tech": [(1, "在系统设置中关闭应用的后台刷新和定位服务，可以显著延长电池续航时间。", ["系统设置", "电池", "续航"])]},
        "comments": [],
        "before": [("breadcrumb", "首页 > 数码"), ("share", "分享到：微博 微信 QQ空间")],
        "after": [("related", "热门推荐：2025年最值得买的五款手机"), ("footer", "科技日报网 © 2025")],
        "script": "mixed",
        "flags": [],
        "redactions": {"email": 1},
        "normalize": {"t2s": 4, "width": 6},
    },
    {
        "id": "e5b4a7c6d8e9fabb",
        "path": "sites/jiaoyu/gaokao-volunteer.html",
        "site": "中国教育在线",
        "date": "2025-06-25T10:00:00+08:00",
        "title": "高考志愿填报：分数线出来后第一步该做什么",
        "sections": [
            (None, ["各地高考分数线陆续公布，考生和家长进入志愿填报的关键阶段。"]),
            ("了解位次", ["相比分数，位次更能反映考生在全省的相对位置，填报志愿时应参考近三年的录取位次。"]),
            ("关注学费与奖学金", ["部分中外合作办学专业学费较高，家庭应提前规划教育支出，了解助学贷款政策。"]),
        ],
        "scores": {"finance": 0.48, "law": 0.0, "health": 0.0, "tech": 0.0, "education": 0.91},
        "evidence": {"education": [(0, "各地高考分数线陆续公布，考生和家长进入志愿填报的关键阶段。", ["高考", "考生", "志愿填报"])]},
        "comments": [],
        "before": [("breadcrumb", "中国教育在线 > 高考 > 志愿填报")],
        "after": [("disclaimer", "本文来源于网络，如有侵权请联系删除。")],
        "script": "zh-Hans",
        "flags": [],
        "redactions": {"phone": 2, "id_card": 1},
        "normalize": {"punct_width": 3},
    },
    {
        "id": "f6a5b8d7e9fa0bcc",
        "path": "crawl/2025-03.jsonl#7",
        "site": "财经网",
        "date": None,
        "title": "信用卡分期手续费怎么算？实际年化利率远高于表面",
        "sections": [
            (None, ["很多人以为信用卡分期每期0.6%的手续费很低，但折算成实际年化利率接近13%。"]),
            ("提前还款要注意", ["提前还款时银行通常不退还已收取的手续费，持卡人应仔细阅读分期合同条款，避免产生纠纷。"]),
        ],
        "scores": {"finance": 0.52, "law": 0.5, "health": 0.0, "tech": 0.0, "education": 0.0},
        "evidence": {"finance": [(0, "很多人以为信用卡分期每期0.6%的手续费很低，但折算成实际年化利率接近13%。", ["信用卡", "手续费", "年化利率"])]},
        "comments": [],
        "before": [("dateline", "财经网 2025年03月02日")],
        "after": [("footer", "财经网版权所有")],
        "script": "zh-Hans",
        "flags": ["no_date", "mojibake_suspect"],
        "redactions": {},
        "normalize": {},
    },
]

CRAFTED: dict[str, Any] = {
    "id": "9e8d7c6b5a4f3e21",
    "path": f"sites/evil/{XSS_SVG}.html",
    "site": f"恶意站点{XSS_IMG}",
    "date": "2025-04-01T00:00:00+08:00",
    "title": f"测试标题{XSS_IMG}{XSS_TEMPLATE}",
    "sections": [
        (None, [f"这是一段包含恶意脚本的正文{XSS_SCRIPT}，用于检验报告的转义。理财产品收益率并不保本。"]),
        (f"小标题{XSS_IMG}", [f"另一段落{XSS_TEMPLATE}含有模板语法。"]),
    ],
    "scores": {"finance": 0.55, "law": 0.1, "health": 0.0, "tech": 0.2, "education": 0.0},
    "evidence": {"finance": [(0, f"这是一段包含恶意脚本的正文{XSS_SCRIPT}，用于检验报告的转义。", ["理财", XSS_IMG])]},
    "comments": [{"author": XSS_IMG, "role": "reader", "date": XSS_TEMPLATE, "text": XSS_SCRIPT}],
    "before": [("breadcrumb", f"首页 > {XSS_IMG}")],
    "after": [("footer", XSS_SCRIPT)],
    "script": "zh-Hans",
    "flags": [XSS_IMG],
    "redactions": {},
    "normalize": {},
    "url": "javascript:window.__xss=4;alert(4)",
    "keywords": [XSS_IMG, XSS_TEMPLATE],
}


def _article_json(spec: dict[str, Any], run_id: str, duplicates: list[dict[str, Any]]) -> dict[str, Any]:
    sections = _sections(spec["sections"])
    paragraphs = [p for s in sections for p in s["paragraphs"]]
    text_lines: list[str] = []
    for s in sections:
        if s["heading"]:
            text_lines.append(s["heading"])
        text_lines.extend(s["paragraphs"])
    topics = []
    for label, score in spec["scores"].items():
        if score < THRESHOLDS[label]:
            continue
        topics.append({
            "label": label,
            "name": TOPIC_NAMES[label],
            "score": score,
            "threshold": THRESHOLDS[label],
            "source": "model",
            "model_score": score,
            "evidence": [
                {"paragraph": p, "sentence": sent, "terms": terms, "score": round(score / 2, 3)}
                for p, sent, terms in spec["evidence"].get(label, [])
            ],
        })
    removed: dict[str, dict[str, int]] = {}
    for kind, text in spec["before"] + spec["after"]:
        e = removed.setdefault(kind, {"count": 0, "chars": 0})
        e["count"] += 1
        e["chars"] += len(text)
    url = spec.get("url") or f"https://{spec['site'].encode().hex()[:8]}.example.cn/{spec['id']}.html"
    words = spec.get("keywords") or [w for terms in spec["evidence"].values() for _, _, t in terms for w in t][:6]
    return {
        "schema_version": "1.0",
        "id": spec["id"],
        "title": spec["title"],
        "text": "\n".join(text_lines),
        "sections": sections,
        "published_at": spec["date"],
        "author": None,
        "source_name": spec["site"],
        "site_name": spec["site"],
        "url": url,
        "source": {
            "path": spec["path"],
            "url": url,
            "sha256": (spec["id"] * 4)[:64],
            "encoding": "gb18030" if spec["script"] == "zh-Hant" else "utf-8",
            "media_type": "html",
            "original_script": spec["script"],
            "fetched_at": "2026-11-20T12:00:00Z",
        },
        "topics": topics,
        "topic_scores": dict(spec["scores"]),
        "keywords": [{"word": w, "weight": round(1.0 - i * 0.1, 2)} for i, w in enumerate(words)],
        "comments": spec["comments"],
        "duplicates": {"also_seen_at": duplicates},
        "redactions": spec["redactions"],
        "flags": spec["flags"],
        "stats": {
            "chars": sum(len(p) for p in paragraphs),
            "removed": removed,
            "normalize": spec["normalize"],
            "extraction_confidence": 0.92,
        },
        "pipeline": {"version": "0.1.0", "run_id": run_id, "processed_at": "2026-11-23T09:03:00Z"},
    }


def _blocks(spec: dict[str, Any]) -> dict[str, Any]:
    blocks = [{"text": t, "kind": k, "kept": False} for k, t in spec["before"]]
    blocks.append({"text": spec["title"], "kind": "title", "kept": True})
    for heading, paras in spec["sections"]:
        if heading:
            blocks.append({"text": heading, "kind": "heading", "kept": True})
        blocks.extend({"text": p, "kind": "paragraph", "kept": True} for p in paras)
    for c in spec["comments"]:
        blocks.append({"text": f"{c['author']}：{c['text']}", "kind": "comment", "kept": False})
    blocks.extend({"text": t, "kind": k, "kept": False} for k, t in spec["after"])
    return {"id": spec["id"], "path": spec["path"], "blocks": blocks}


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def make_output(out_dir: Path, *, crafted: bool = False) -> dict[str, Any]:
    """Write the fake output tree under ``out_dir``; return a summary (run ids, article ids, ...)."""
    out_dir = Path(out_dir)
    specs = list(ARTICLES) + ([CRAFTED] if crafted else [])
    dup_copies = {
        "a1f0c3d2e4b5a697": [
            {"path": "sites/mirror1/zfb-yuqi.html", "url": "https://m.mirror1.example.cn/zfb.html", "site": "镜像网一",
             "date": "2024-12-09", "similarity": 0.94, "run_id": RUN},
            {"path": "sites/mirror2/alipay.html", "url": None, "site": "转载之家", "date": None,
             "similarity": 1.0, "run_id": RUN},
        ],
        "c3d2e5f4a6b7c899": [
            {"path": "sites/yangsheng/gxy.html", "url": None, "site": "养生网", "date": "2025-02-05",
             "similarity": 0.81, "run_id": RUN},
        ],
    }
    if crafted:
        dup_copies[CRAFTED["id"]] = [
            {"path": f"sites/copy/{XSS_IMG}.html", "url": "javascript:alert(6)", "site": XSS_SCRIPT,
             "date": XSS_TEMPLATE, "similarity": 0.88, "run_id": RUN},
        ]
    entries: dict[str, dict[str, Any]] = {}
    blocks_lines = []
    for spec in specs:
        art = _article_json(spec, RUN, dup_copies.get(spec["id"], []))
        _dump(out_dir / "articles" / f"{spec['id']}.json", art)
        blocks_lines.append(json.dumps(_blocks(spec), ensure_ascii=False))
        entries[spec["path"]] = {"status": "written", "article_id": spec["id"], "duplicate_of": None,
                                 "similarity": None, "reason": None, "sha256": art["source"]["sha256"]}
    for canonical, copies in dup_copies.items():
        for c in copies:
            entries[c["path"]] = {"status": "duplicate", "article_id": canonical, "duplicate_of": canonical,
                                  "similarity": c["similarity"], "reason": None, "sha256": "ab" * 32}
    entries["sites/licai/2024/11/old-news.html"] = {"status": "unchanged", "article_id": "0a0b0c0d0e0f1011",
                                                    "duplicate_of": None, "similarity": None, "reason": None,
                                                    "sha256": "cd" * 32}
    quarantined = {
        "sites/broken/empty.html": "extract: body shorter than 30 characters",
        "sites/broken/english.html": "ingest: not Chinese (han ratio 0.03)",
        "sites/broken/huge.html": "ingest: oversized (7340032 bytes > 5000000)",
        "crawl/2025-03.jsonl#12": "extract: body shorter than 30 characters",
    }
    if crafted:
        quarantined[f"sites/evil/{XSS_SCRIPT}.html"] = f"extract: {XSS_IMG}"
    for path, reason in quarantined.items():
        entries[path] = {"status": "quarantined", "article_id": None, "duplicate_of": None, "similarity": None,
                         "reason": reason, "sha256": "ef" * 32}
    totals = {"inputs": len(entries),
              "written": sum(e["status"] == "written" for e in entries.values()),
              "duplicate": sum(e["status"] == "duplicate" for e in entries.values()),
              "unchanged": sum(e["status"] == "unchanged" for e in entries.values()),
              "quarantined": sum(e["status"] == "quarantined" for e in entries.values())}
    run_dir = out_dir / "runs" / RUN
    manifest = {"run_id": RUN, "started_at": "2026-11-23T09:00:00Z", "finished_at": "2026-11-23T09:03:12Z",
                "raw_dir": "/data/raw", "out_dir": str(out_dir), "totals": totals, "entries": entries}
    _dump(run_dir / "manifest.json", manifest)
    removed: dict[str, dict[str, int]] = {}
    normalize: dict[str, int] = {}
    scripts: dict[str, int] = {}
    redactions: dict[str, int] = {}
    topics: dict[str, int] = dict.fromkeys(TOPIC_NAMES, 0)
    for spec in specs:
        for kind, text in spec["before"] + spec["after"]:
            e = removed.setdefault(kind, {"count": 0, "chars": 0})
            e["count"] += 1
            e["chars"] += len(text)
        for k, v in spec["normalize"].items():
            normalize[k] = normalize.get(k, 0) + v
        scripts[spec["script"]] = scripts.get(spec["script"], 0) + 1
        for k, v in spec["redactions"].items():
            redactions[k] = redactions.get(k, 0) + v
        for label, score in spec["scores"].items():
            if score >= THRESHOLDS[label]:
                topics[label] += 1
    clusters = [
        {"canonical": cid, "title": next(s["title"] for s in specs if s["id"] == cid),
         "copies": [{"path": c["path"], "similarity": c["similarity"], "site": c["site"]} for c in copies]}
        for cid, copies in dup_copies.items()
    ]
    run = {
        "run_id": RUN, "started_at": manifest["started_at"], "finished_at": manifest["finished_at"], "seconds": 192.4,
        "timings": {"ingest": 8.2, "extract": 61.5, "normalize": 24.9, "dedup": 40.3, "redact": 6.1, "tag": 45.8,
                    "write": 4.2, "commit": 1.4},
        "totals": totals, "removed": removed, "normalize": normalize, "scripts": scripts, "redactions": redactions,
        "topics": topics, "thresholds": dict(THRESHOLDS), "topic_names": dict(TOPIC_NAMES), "clusters": clusters,
        "articles": [s["id"] for s in specs],
    }
    _dump(run_dir / "run.json", run)
    (run_dir / "blocks.jsonl").write_text("\n".join(blocks_lines) + "\n", encoding="utf-8")

    # an older run with one article, so "newest run" selection is exercised
    old_dir = out_dir / "runs" / OLD_RUN
    old_entries = {"sites/licai/2024/11/old-news.html": {"status": "written", "article_id": "0a0b0c0d0e0f1011",
                                                         "duplicate_of": None, "similarity": None, "reason": None,
                                                         "sha256": "cd" * 32}}
    old_totals = {"inputs": 1, "written": 1, "duplicate": 0, "unchanged": 0, "quarantined": 0}
    _dump(old_dir / "manifest.json", {"run_id": OLD_RUN, "started_at": "2026-11-22T08:00:00Z",
                                      "finished_at": "2026-11-22T08:00:30Z", "raw_dir": "/data/raw",
                                      "out_dir": str(out_dir), "totals": old_totals, "entries": old_entries})
    old_spec = dict(ARTICLES[0], id="0a0b0c0d0e0f1011", path="sites/licai/2024/11/old-news.html",
                    title="旧文章：网贷逾期的法律后果")
    _dump(out_dir / "articles" / "0a0b0c0d0e0f1011.json", _article_json(old_spec, OLD_RUN, []))
    _dump(old_dir / "run.json", {
        "run_id": OLD_RUN, "started_at": "2026-11-22T08:00:00Z", "finished_at": "2026-11-22T08:00:30Z",
        "seconds": 30.0, "timings": {"ingest": 1.0, "extract": 10.0, "tag": 5.0}, "totals": old_totals,
        "removed": {}, "normalize": {}, "scripts": {"zh-Hans": 1}, "redactions": {}, "topics": {"finance": 1},
        "thresholds": dict(THRESHOLDS), "topic_names": dict(TOPIC_NAMES), "clusters": [],
        "articles": ["0a0b0c0d0e0f1011"],
    })
    (old_dir / "blocks.jsonl").write_text(json.dumps(_blocks(old_spec), ensure_ascii=False) + "\n", encoding="utf-8")
    return {"run_id": RUN, "old_run_id": OLD_RUN, "articles": [s["id"] for s in specs],
            "crafted_id": CRAFTED["id"] if crafted else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--crafted", action="store_true", help="plant hostile scraped values")
    args = ap.parse_args(argv)
    info = make_output(args.out_dir, crafted=args.crafted)
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
