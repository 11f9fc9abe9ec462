"""Benchmark: 同类写法 (macros/similar/). Prints figures; it is not a test.

    .venv/bin/python scripts/bench_similar.py [--sizes 500 5000 50000] [--queries 400]

1. Quality on a labelled set. The real paragraphs (the samples' and those of the real documents in ../shared/realdocs/)
   are in the library once each, with generated documents around them whose paragraphs are made of the real ones'
   clauses recombined (the same topics and set phrases, so they are hard to tell apart from a source). Queries are
   real paragraphs edited (place names, numbers and years changed, a few words swapped for near-synonyms) and put into
   a document of their own. A query is found when its first neighbour is the paragraph it was made from; the share
   found first and among the first 3 is printed (targets 95% and 99%), with the scores of the sources and of the rest,
   to calibrate NEAR_COPY.
2. On the real library: for paragraphs with a 功能 annotation, the share of their top 5 neighbours with the same 功能,
   against the share expected by chance.
3. Time and memory of the neighbour step at each size (index-only: passages straight from the generator), wall and
   CPU seconds (the machine is shared).
4. The 体检 page's look-up of a whole draft (macros/similar/sketch.py) in a library of --draft documents around the
   labelled set: drafts of 30 edited real paragraphs, the share whose source comes first, among the first 3 and
   marked a near-copy, the other texts marked near-copies, the gzip bytes a draft fetches (target ≤ 300 KB cold at
   5,000 documents) and the index's build time; then the same drafts looked up in Chromium by the page's own script
   (docs/assets/checker/similar-draft.js) over a local server, from the click to the list drawn (target ≤ 2 s).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from macros.build.scripts import publish_scripts
from macros.harness.chromium import CHROMIUM_ARGS, chromium_path
from macros.similar.neighbours import NEAR_COPY, key_text, neighbours
from macros.similar.passages import MIN_CHARS, Passage, library_passages
from macros.similar.publish import similar_draft_holder
from macros.similar.sketch import draft_index, lookup
from macros.sources.library import load_library

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261206
PARAGRAPHS_PER_DOCUMENT = 20
PLACES = ["海林市", "城南街道", "汶河县", "东山镇", "西湖区", "北仑区", "清河乡", "宁远县", "江东新区", "白云街道"]
PLACE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:省|市|县|区|镇|乡|街道)")
# Near-synonyms a writer swaps (a few per query): (word, another way to say it)
SWAPS = [
    ("加强", "强化"),
    ("推进", "推动"),
    ("积极", "主动"),
    ("切实", "认真"),
    ("进一步", "更加"),
    ("全面", "全方位"),
    ("重点", "主要"),
    ("提高", "提升"),
    ("开展", "推进"),
    ("促进", "推动"),
    ("工作", "事务"),
    ("建设", "打造"),
    ("认真", "扎实"),
    ("完善", "健全"),
    ("落实", "兑现"),
    ("坚持", "始终"),
    ("努力", "着力"),
    ("加快", "加速"),
]


def real_paragraphs(library) -> list[Passage]:
    """The samples' passages and the paragraphs of the real documents in ../shared/realdocs/, each once."""
    from macros.importer.extract import from_docx, from_text
    from macros.sources.decode import decode
    from macros.word.read import read_docx

    found = library_passages(library.samples)
    for path in sorted((ROOT.parent / "shared" / "realdocs").glob("*")):
        if path.suffix == ".docx":
            draft = from_docx(read_docx(path.read_bytes(), path, accept_revisions=True), path)
        elif path.suffix == ".txt":
            draft = from_text(decode(path.read_bytes(), path), path)
        else:
            continue
        found += [Passage(path.stem, n, line) for n, line in enumerate(draft.lines, 1) if len(line) >= MIN_CHARS]
    unique = {key_text(p.text): p for p in found}  # one of each text (two reports repeat each other)
    return list(unique.values())


CLAUSE = re.compile(r"[^，。；：,;:]+[，。；：,;:]?")


def light(text: str, rng: random.Random) -> str:
    """A variant as the library holds them: the numbers changed."""
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 9999)), text)


def hard(text: str, rng: random.Random) -> str:
    """A query: place names, numbers and years changed, and a few words swapped for near-synonyms."""
    text = PLACE.sub(lambda m: rng.choice(PLACES), text)
    text = re.sub(r"\d{4}年", lambda m: f"{rng.randint(2015, 2030)}年", text)
    text = re.sub(r"\d+", lambda m: str(rng.randint(1, 9999)), text)
    for word, other in rng.sample(SWAPS, len(SWAPS)):
        if word in text and rng.random() < 0.5:
            text = text.replace(word, other, 1)
    return text


def generated(real: list[Passage], documents: int, rng: random.Random) -> list[Passage]:
    """documents × PARAGRAPHS_PER_DOCUMENT passages, each three to eight clauses of random real paragraphs (numbers
    changed): distinct paragraphs in the words and set phrases of the real ones."""
    clauses = [c for p in real for c in CLAUSE.findall(p.text)]
    return [
        Passage(f"gen-{d}", n + 1, light("".join(rng.choice(clauses) for _ in range(rng.randint(3, 8))), rng))
        for d in range(documents)
        for n in range(PARAGRAPHS_PER_DOCUMENT)
    ]


def quality(real: list[Passage], documents: int, queries: int) -> None:
    rng = random.Random(SEED)
    passages = [Passage(f"real-{i}", 1, p.text) for i, p in enumerate(real)] + generated(real, documents, rng)
    asked = rng.sample(range(len(real)), min(queries, len(real)))  # each source once: queries are not each other's
    passages += [Passage(f"query-{q}", 1, hard(real[i].text, rng)) for q, i in enumerate(asked)]
    found = neighbours(passages)
    first = top3 = 0
    source, rest = [], []
    for q, i in enumerate(asked):
        mine = found[len(passages) - queries + q]
        hits = [n.passage for n in mine]
        first += bool(hits) and hits[0] == i
        top3 += i in hits[:3]
        for n in mine:
            (source if n.passage == i else rest).append(n.score)
    print(f"## 质量：{len(real):,} 段真实段落，{documents:,} 篇生成的文稿围着它们，{queries} 段改写过的原文\n")
    print(f"- 第一个就是来源：{first / queries:.1%}（目标 ≥ 95%）；前三个里有来源：{top3 / queries:.1%}（目标 ≥ 99%）")
    if source and rest:
        print(
            f"- 来源的分数：中位数 {statistics.median(source):.2f}，最低 {min(source):.2f}；"
            f"别的段落：中位数 {statistics.median(rest):.2f}，最高 {max(rest):.2f}"
        )
        print(
            f"- 近乎相同的界线 NEAR_COPY = {NEAR_COPY}：来源里 {sum(x >= NEAR_COPY for x in source) / len(source):.0%} "
            f"够得上，别的段落里 {sum(x >= NEAR_COPY for x in rest) / len(rest):.2%} 够得上"
        )
    print()


def functions(library) -> None:
    passages = library_passages(library.samples)
    role = {}
    for p in passages:
        notes = library.annotations.get(p.slug)
        paragraph = notes.paragraphs.get(p.anchor) if notes else None
        if paragraph and paragraph.functions:
            role[(p.slug, p.number)] = paragraph.functions[0]
    found = neighbours(passages)
    same = total = 0
    for p, mine in zip(passages, found, strict=True):
        if (p.slug, p.number) not in role:
            continue
        for n in mine:
            other = passages[n.passage]
            if (other.slug, other.number) in role:
                total += 1
                same += role[(other.slug, other.number)] == role[(p.slug, p.number)]
    counts = Counter(role.values())
    chance = sum((c / len(role)) ** 2 for c in counts.values())
    print("## 功能：六篇范文里有功能批注的段落\n")
    print(
        f"- {len(role)} 段，前 5 个相近段落（也有批注的 {total} 个）里功能相同的 {same / max(total, 1):.0%}，"
        f"随机的话约 {chance:.0%}\n"
    )


def timing(real: list[Passage], sizes: list[int]) -> None:
    print("## 耗时：只算近邻（文稿由生成器给出，不经构建）\n")
    print("| 文稿 | 段落 | 墙钟 | CPU | 内存峰值 |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for documents in sizes:
        passages = generated(real, documents, random.Random(SEED))
        cpu, wall = time.process_time(), time.perf_counter()
        neighbours(passages)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"| {documents:,} | {len(passages):,} | {time.perf_counter() - wall:.1f} s | "
            f"{time.process_time() - cpu:.1f} s | {peak:,.0f} MB |",
            flush=True,
        )


DRAFT_PARAGRAPHS = 30


def draft_lookup(real: list[Passage], documents: int, drafts: int) -> None:
    rng = random.Random(SEED)
    passages = [Passage(f"real-{i}", 1, p.text) for i, p in enumerate(real)] + generated(real, documents, rng)
    cpu, wall = time.process_time(), time.perf_counter()
    index = draft_index(passages, lambda slug: [slug, "", "", "", ""])
    built = f"{time.perf_counter() - wall:.1f} s（CPU {time.process_time() - cpu:.1f} s）"
    sizes = {name: len(gzip.compress(script.encode())) for name, script in index.files.items()}
    data = {
        name: json.loads(script[script.index(",") + 1 : script.rindex(")")]) for name, script in index.files.items()
    }
    asked = rng.sample(range(len(real)), min(drafts * DRAFT_PARAGRAPHS, len(real)))
    groups = [asked[d : d + DRAFT_PARAGRAPHS] for d in range(0, len(asked), DRAFT_PARAGRAPHS)]
    texts = [[hard(real[i].text, rng) for i in group] for group in groups]
    first = top3 = near = others = others_near = 0
    fetched = []
    for group, draft in zip(groups, texts, strict=True):
        result = lookup(draft, data.__getitem__, index.shards)
        fetched.append(sum(sizes[name] for name in result.fetched))
        for i, found in zip(group, result.found, strict=True):
            slugs = [entry["slug"] for entry in found]
            first += bool(slugs) and slugs[0] == f"real-{i}"
            top3 += f"real-{i}" in slugs[:3]
            near += any(e["slug"] == f"real-{i}" and e["near"] for e in found)
            others += sum(e["slug"] != f"real-{i}" for e in found)
            others_near += sum(e["slug"] != f"real-{i}" and e["near"] for e in found)
    n = len(asked)
    print(f"## 体检页整篇比对：{documents:,} 篇生成的文稿，{len(groups)} 篇各 {DRAFT_PARAGRAPHS} 段的改写稿\n")
    print(f"- 索引：{len(passages):,} 段，{index.shards:,} 个分片，构建 {built}")
    print(
        f"- 第一个就是来源 {first / n:.1%}，前三个里有 {top3 / n:.1%}，来源标“近乎相同” {near / n:.1%}；"
        f"列出的别的段落 {others} 个，其中标“近乎相同”的 {others_near} 个"
    )
    print(
        f"- 一篇文稿取的字节（gzip，冷启动）：中位数 {statistics.median(fetched) / 1000:.0f} KB，"
        f"最多 {max(fetched) / 1000:.0f} KB（目标 ≤ 300 KB）"
    )
    browser = in_chromium(index, ["\n".join(draft) for draft in texts])
    print(f"- Chromium 里从点击到列出：{browser}\n", flush=True)


def in_chromium(index, drafts: list[str]) -> str:
    """The page's own script on a minimal page served locally; each draft on a fresh page (cold: nothing cached)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from macros.harness.static_server import StaticServer

    bundles = publish_scripts(ROOT, {"checker-rules": lambda: ""})
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        folder = site / "similar" / "v" / "draft"
        folder.mkdir(parents=True)
        for name, script in index.files.items():
            (folder / f"{name}.js").write_text(script, encoding="utf-8")
        (site / "similar.js").write_text((ROOT / "docs/assets/similar.js").read_text(encoding="utf-8"), "utf-8")
        (site / "draft.js").write_text(bundles.content[bundles.names["assets/similar-draft.js"]], "utf-8")
        (site / "index.html").write_text(
            '<!doctype html><meta charset="utf-8"><textarea id="fw-ck-input"></textarea>'
            # What overrides/main.html gives every page: its setup hook and its script loader
            "<script>window.fanwenkuOnPage = (setup) => setup();"
            "window.fanwenkuLoadScript = (src) => new Promise((resolve, reject) => {"
            "const s = document.createElement('script'); s.src = src; s.onload = resolve; s.onerror = reject;"
            "document.head.appendChild(s); });</script>"
            + similar_draft_holder("similar/v/draft/", index.shards)
            + '<section class="fw-ck-similar" hidden><button data-fw-sim-draft>逐段比对</button>'
            '<p class="fw-sim-draft-status"></p><ol class="fw-sim-draft-list"></ol></section>'
            '<script src="similar.js"></script><script src="draft.js"></script>',
            encoding="utf-8",
        )
        times = []
        with StaticServer(site) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
            for n, draft in enumerate(drafts):
                context = browser.new_context()
                page = context.new_page()
                page.goto(server.url)
                page.fill("#fw-ck-input", draft)
                start = page.evaluate("performance.now()")
                page.click("[data-fw-sim-draft]")
                page.wait_for_selector(".fw-ck-similar[data-fw-sim-done]", timeout=60_000)
                times.append(page.evaluate("performance.now()") - start)
                if n == 0:
                    listed = page.locator(".fw-sim-draft-item").count()
                context.close()
            browser.close()
    return (
        f"中位数 {statistics.median(times) / 1000:.2f} s，最慢 {max(times) / 1000:.2f} s"
        f"（目标 ≤ 2 s；第一篇列出 {listed} 段）"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 5000, 50000])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument(
        "--quality", type=int, nargs="*", default=[500], help="generated documents around the labelled set"
    )
    parser.add_argument(
        "--draft", type=int, nargs="*", default=[5000], help="generated documents for the 体检 page's look-up"
    )
    parser.add_argument("--drafts", type=int, default=10, help=f"drafts of {DRAFT_PARAGRAPHS} paragraphs looked up")
    args = parser.parse_args()
    library = load_library(ROOT, parts=("samples", "annotations"))
    real = real_paragraphs(library)
    for documents in args.quality:
        quality(real, documents, args.queries)
    functions(library)
    for documents in args.draft:
        draft_lookup(real, documents, args.drafts)
    timing(real, args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
