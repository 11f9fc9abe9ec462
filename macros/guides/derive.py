"""Everything a guide shows besides our prose, computed from the samples, their annotations and the phrase bank.

The usual parts of a 文种 come from the 功能 of its annotated paragraphs: the first 功能 listed for a paragraph
is what the paragraph mainly does (the annotation README says so), and a 功能 that is the main one of some
paragraph is a part. Parts are ordered by where they stand in the samples (the mean relative position of their
paragraphs, averaged over the samples that have them), so a sample added with annotations reorders or extends
them with no code change. The 结构 entries cut each sample into sections: they give the parts their headings and
the annotators' word on what each section does, and the side-by-side outlines.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from macros.checker.engine import Finding, check
from macros.sources.annotations import Annotations, ParagraphNotes, Technique
from macros.sources.catalog import Sample, Term, names
from macros.sources.checker_rules import Rule, Ruleset
from macros.sources.guide_prose import GuideProse, KindProse, MistakeKind
from macros.sources.library import Library
from macros.sources.phrases import Phrase, PhraseBank, pinyin_key
from macros.sources.text_blocks import Block

EXCERPT_CHARS = 60  # a paragraph quoted in a list is cut to about this length
TITLE_CHARS = 24  # a section that starts with a paragraph, not a heading, is named by this much of it
SENTENCE_END = "。；！？;!?"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a paragraph: its first sentence when that is not too short or too long, else `limit` chars."""
    if len(text) <= limit:
        return text
    end = max((i for i, c in enumerate(text[: limit + 1]) if c in SENTENCE_END), default=-1)
    if end >= limit // 2:
        return text[: end + 1] + "…"
    return text[:limit] + "…"


@dataclass(frozen=True)
class Hit:
    """One annotated paragraph, with the 错误 the draft checker finds in it (a guide quotes it only as a 反例)."""

    sample: Sample
    block: Block
    notes: ParagraphNotes
    errors: tuple[Finding, ...] = ()

    @property
    def error_notes(self) -> list[tuple[str, int]]:
        """Each 错误 found once, as “message（改为“fix”）”, with how many times: a page lists them under a 反例."""
        notes: dict[str, int] = {}
        for f in self.errors:
            fix = "" if f.fix is None else "（删去）" if f.fix == "" else f"（改为“{f.fix}”）"
            notes[f.message + fix] = notes.get(f.message + fix, 0) + 1
        return list(notes.items())

    @property
    def functions(self) -> tuple[str, ...]:
        return self.notes.functions

    @property
    def primary(self) -> str:
        return self.notes.functions[0]

    @property
    def position(self) -> float:
        """Where the paragraph stands in its sample, 0 at the first block and 1 at the last."""
        last = len(self.sample.blocks) - 1
        return (self.block.number - 1) / last if last else 0.0

    @property
    def excerpt(self) -> str:
        return excerpt(self.block.text)


@dataclass(frozen=True)
class Section:
    """One 结构 entry of a sample and the blocks up to the next (or, without 结构, one heading and its blocks)."""

    sample: Sample
    head: Block
    role: str | None  # the 结构 entry's 作用; None when the outline comes from the headings alone
    blocks: tuple[Block, ...]
    hits: tuple[Hit, ...]

    @property
    def title(self) -> str:
        return self.head.text if self.head.is_heading else excerpt(self.head.text, TITLE_CHARS)

    @property
    def level(self) -> int:
        return self.head.level if self.head.is_heading else 0

    @property
    def functions(self) -> list[str]:
        """The main 功能 of its paragraphs, each once, in reading order."""
        return list(dict.fromkeys(h.primary for h in self.hits))

    @property
    def label(self) -> str | None:
        """The 功能 most of its paragraphs mainly serve (the earliest on a tie); None without annotated paragraphs."""
        counts = Counter(h.primary for h in self.hits)
        if not counts:
            return None
        top = max(counts.values())
        return next(f for f in self.functions if counts[f] == top)


@dataclass
class Outline:
    sample: Sample
    sections: list[Section]
    annotated: bool


@dataclass
class Part:
    """One usual part of a 文种: the paragraphs whose main 功能 it is."""

    function: str
    hits: list[Hit]
    position: float
    sections: list[Section]
    companions: list[tuple[str, int]]  # other 功能 the same paragraphs also serve, most frequent first

    @property
    def samples(self) -> list[Sample]:
        return list({h.sample.slug: h.sample for h in self.hits}.values())


@dataclass(frozen=True)
class TechniqueExample:
    hit: Hit
    technique: Technique


@dataclass
class TechniqueUse:
    name: str
    examples: list[TechniqueExample]

    @property
    def paragraphs(self) -> int:
        return len({(e.hit.sample.slug, e.hit.block.anchor) for e in self.examples})


@dataclass(frozen=True)
class PhraseCount:
    phrase: Phrase
    uses: int
    samples: int


@dataclass(frozen=True)
class ProblemNote:
    sample: Sample
    block: Block
    text: str


@dataclass
class MistakeGroup:
    kind: MistakeKind
    notes: list[ProblemNote]


@dataclass
class RuleCount:
    """One 公文体检 rule and what it finds in a 文种's samples (which keep their source text as it was)."""

    rule: Rule
    found: list[tuple[Sample, Block]]  # one entry per finding, in reading order

    @property
    def samples(self) -> int:
        return len({s.slug for s, _ in self.found})


@dataclass
class Guide:
    term: Term
    prose: KindProse
    samples: list[Sample]
    outlines: list[Outline]
    parts: list[Part]  # in at least half of the annotated samples, in order
    rare_parts: list[Part]  # in fewer
    techniques: list[TechniqueUse]
    categories: list[tuple[str, int]]
    phrases: list[PhraseCount]
    templates: list
    mistakes: list[MistakeGroup]
    other_notes: list[ProblemNote]
    gaps: list[ProblemNote]
    annotated: list[Sample] = field(default_factory=list)
    checks: list[RuleCount] = field(default_factory=list)  # most widespread first

    @property
    def slug(self) -> str:
        return self.term.slug


# What the draft checker finds in each sample, by slug: checked once per build (derive), read by every guide and page.
Checked = dict[str, list[Finding]]


def check_samples(samples: list[Sample], ruleset: Ruleset | None) -> Checked:
    """Each sample checked as its page's panel checks it: one block per line, so line k is block k."""
    if ruleset is None:
        return {}
    return {s.slug: check("\n".join(b.text for b in s.blocks), ruleset) for s in samples}


def sample_hits(sample: Sample, notes: Annotations | None, checked: Checked | None = None) -> list[Hit]:
    if notes is None:
        return []
    errors: dict[int, list[Finding]] = {}
    for finding in (checked or {}).get(sample.slug, []):
        if finding.level == "错误":
            errors.setdefault(finding.line, []).append(finding)
    return [
        Hit(sample, b, notes.paragraphs[b.anchor], tuple(errors.get(n, ())))
        for n, b in enumerate(sample.blocks, start=1)
        if b.anchor in notes.paragraphs
    ]


def examples(items: list, limit: int, hit=lambda item: item) -> list:
    """The items to quote as 例段: those whose paragraph the checker finds free of 错误, spread over the samples;
    where every one has 错误, one of them, which the page labels 反例 and shows with its findings."""
    clean = [item for item in items if not hit(item).errors]
    return spread(clean, limit, key=lambda item: hit(item).sample.slug) if clean else items[:1]


def spread(hits: list, limit: int, key=lambda h: h.sample.slug) -> list:
    """Up to `limit` items taking each sample in turn, so one long sample does not fill the list."""
    queues: dict[str, list] = {}
    for item in hits:
        queues.setdefault(key(item), []).append(item)
    chosen: list = []
    while len(chosen) < min(limit, len(hits)):
        for queue in queues.values():
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    order = {id(item): i for i, item in enumerate(hits)}
    return sorted(chosen, key=lambda item: order[id(item)])


def outline(sample: Sample, notes: Annotations | None, checked: Checked | None = None) -> Outline:
    """The sample cut at its 结构 entries; a sample without them is cut at its headings."""
    hits = {h.block.anchor: h for h in sample_hits(sample, notes, checked)}
    if notes and notes.parts:
        starts = [(sample.block(p.anchor), p.role) for p in notes.parts]
    else:
        starts = [(b, None) for b in sample.blocks if b.is_heading]
    if not starts or starts[0][0].number > 1:
        # Text before the first entry (a speech excerpt's opening, a heading-less report) is a section of its own.
        starts.insert(0, (sample.blocks[0], None))
    sections = []
    for i, (head, role) in enumerate(starts):
        end = starts[i + 1][0].number if i + 1 < len(starts) else len(sample.blocks) + 1
        blocks = tuple(b for b in sample.blocks if head.number <= b.number < end)
        sections.append(Section(sample, head, role, blocks, tuple(hits[b.anchor] for b in blocks if b.anchor in hits)))
    if len(sections) > 1 and sections[0].role is None and not sections[0].hits and not sections[0].head.is_heading:
        sections.pop(0)  # an opening without headings or notes adds nothing to an outline
    return Outline(sample, sections, bool(notes and notes.parts))


def derive_parts(outlines: list[Outline], functions: tuple[str, ...]) -> tuple[list[Part], list[Part]]:
    """The 文种's parts in reading order, split into usual ones (in at least half the samples) and the rest."""
    annotated = [o for o in outlines if any(s.hits for s in o.sections)]
    by_function: dict[str, list[Hit]] = {}
    for o in annotated:
        for section in o.sections:
            for hit in section.hits:
                by_function.setdefault(hit.primary, []).append(hit)
    parts = []
    for function, hits in by_function.items():
        per_sample: dict[str, list[float]] = {}
        for hit in hits:
            per_sample.setdefault(hit.sample.slug, []).append(hit.position)
        position = sum(sum(v) / len(v) for v in per_sample.values()) / len(per_sample)
        sections = [s for o in annotated for s in o.sections if any(h.primary == function for h in s.hits)]
        companions = Counter(f for h in hits for f in h.functions if f != function)
        ordered = sorted(companions.items(), key=lambda kv: (-kv[1], functions.index(kv[0])))
        parts.append(Part(function, hits, position, sections, ordered))
    parts.sort(key=lambda p: (p.position, functions.index(p.function)))
    need = math.ceil(len(annotated) / 2)
    usual = [p for p in parts if len(p.samples) >= need]
    return usual, [p for p in parts if len(p.samples) < need]


def technique_uses(hits: list[Hit], techniques: tuple[str, ...]) -> list[TechniqueUse]:
    """Each 技法 in these paragraphs with all its examples; most used first, then word-list order."""
    uses: dict[str, list[TechniqueExample]] = {}
    for hit in hits:
        for technique in hit.notes.techniques:
            uses.setdefault(technique.name, []).append(TechniqueExample(hit, technique))
    result = [TechniqueUse(name, examples) for name, examples in uses.items()]
    return sorted(result, key=lambda u: (-len(u.examples), techniques.index(u.name)))


def phrase_counts(
    samples: list[Sample], bank: PhraseBank, categories: tuple[str, ...]
) -> tuple[list[tuple[str, int]], list[PhraseCount]]:
    """Uses per category and per phrase in these samples (headings included, as on the 常用表述 page)."""
    uses: Counter[str] = Counter()
    where: dict[str, set[str]] = {}
    for sample in samples:
        for block in sample.blocks:
            for _, _, phrase in bank.find(block.text):
                uses[phrase.text] += 1
                where.setdefault(phrase.text, set()).add(sample.slug)
    per_category = Counter()
    for text, n in uses.items():
        per_category[bank.by_text[text].category] += n
    counts = [PhraseCount(bank.by_text[t], n, len(where[t])) for t, n in uses.items()]
    counts.sort(key=lambda c: (-c.uses, -c.samples, pinyin_key(c.phrase.text)))
    return [(c, per_category[c]) for c in categories if per_category[c]], counts


def sort_problems(
    notes: list[ProblemNote], prose: GuideProse
) -> tuple[list[MistakeGroup], list[ProblemNote], list[ProblemNote]]:
    """数据问题 notes as (mistake groups, notes of no listed kind, notes on gaps in the source).

    A note goes to the first mistake kind one of whose words it contains; else to the source gaps when it holds
    one of their words; else to the rest. The words live in tongyong.yml, so a writer can tune them.
    """
    groups = {k.name: MistakeGroup(k, []) for k in prose.mistakes}
    others, gaps = [], []
    for note in notes:
        kind = next((k for k in prose.mistakes if k.matches(note.text)), None)
        if kind is not None:
            groups[kind.name].notes.append(note)
        elif any(word in note.text for word in prose.gap_keywords):
            gaps.append(note)
        else:
            others.append(note)
    return [g for g in groups.values() if g.notes], others, gaps


def rule_counts(samples: list[Sample], ruleset: Ruleset, checked: Checked) -> list[RuleCount]:
    """What the draft checker finds in these samples, by rule: in most samples first, then most often, 错误 first.

    The checker reads a sample as the sample page's panel does: one block per line, so line k is paragraph pk.
    """
    by_rule: dict[str, RuleCount] = {}
    rules = {r.id: r for r in ruleset.rules}
    for sample in samples:
        for finding in checked[sample.slug]:
            count = by_rule.setdefault(finding.rule, RuleCount(rules[finding.rule], []))
            count.found.append((sample, sample.blocks[finding.line - 1]))
    order = list(rules)
    return sorted(
        by_rule.values(), key=lambda c: (-c.samples, -len(c.found), c.rule.level != "错误", order.index(c.rule.id))
    )


def build_guide(term: Term, library: Library, checked: Checked) -> Guide:
    notes, prose = library.annotations, library.guide_prose
    samples = [s for s in library.samples if term.name in s.facets["文种"]]
    outlines = [outline(s, notes.get(s.slug), checked) for s in samples]
    usual, rare = derive_parts(outlines, names(library.vocab, "功能"))
    hits = [h for s in samples for h in sample_hits(s, notes.get(s.slug), checked)]
    categories, phrases = phrase_counts(samples, library.phrases, names(library.vocab, "表述类别"))
    problems = [
        ProblemNote(s, s.block(p.anchor), p.text) for s in samples if s.slug in notes for p in notes[s.slug].problems
    ]
    mistakes, others, gaps = sort_problems(problems, prose)
    return Guide(
        term=term,
        prose=prose.for_kind(term),
        samples=samples,
        outlines=outlines,
        parts=usual,
        rare_parts=rare,
        techniques=technique_uses(hits, names(library.vocab, "技法")),
        categories=categories,
        phrases=phrases,
        templates=[t for t in library.templates if term.name in t.facets["文种"]],
        mistakes=mistakes,
        other_notes=others,
        gaps=gaps,
        annotated=[s for s in samples if s.slug in notes],
        checks=rule_counts(samples, library.ruleset, checked) if library.ruleset else [],
    )


@dataclass
class GuideData:
    """What the guide pages need, derived once per build from the library."""

    library: Library
    prose: GuideProse
    guides: list[Guide]  # one per 文种 that has samples, in vocabulary order
    waiting: list[Term]  # 文种 without samples: no guide yet
    functions: dict[str, list[Hit]]  # every paragraph with the 功能 (main or not), 功能 in vocabulary order
    techniques: dict[str, list[tuple[Hit, list[Technique]]]]  # each paragraph with its uses of the 技法

    def guide(self, slug: str) -> Guide | None:
        return next((g for g in self.guides if g.slug == slug), None)

    def kind_of(self, sample: Sample) -> Term:
        return self.library.term("文种", sample.facets["文种"][0])


def derive(library: Library) -> GuideData:
    """Everything the guide pages show, from the library and the guides' prose in it; with the draft checker's
    rules loaded, each guide also lists what the checker finds in its samples."""
    prose = library.guide_prose
    notes = library.annotations
    terms = library.vocab["文种"]
    with_samples = {k for s in library.samples for k in s.facets["文种"]}
    checked = check_samples(library.samples, library.ruleset)  # once per build: every guide and page reads it
    guides = [build_guide(t, library, checked) for t in terms if t.name in with_samples]
    # Grouped by 文种 in vocabulary order, then by sample order: the order the 功能 and 技法 pages list them in.
    rank = {t.name: i for i, t in enumerate(terms)}
    # A sample whose 文种 is still 待确认 with no guess in the vocabulary is listed nowhere until it is confirmed.
    classified = [s for s in library.samples if s.facets["文种"]]
    samples = sorted(classified, key=lambda s: (rank[s.facets["文种"][0]], s.order, s.slug))
    hits = [h for s in samples for h in sample_hits(s, notes.get(s.slug), checked)]
    functions = {f: [h for h in hits if f in h.functions] for f in names(library.vocab, "功能")}
    techniques = {
        t: [
            (h, [x for x in h.notes.techniques if x.name == t])
            for h in hits
            if any(x.name == t for x in h.notes.techniques)
        ]
        for t in names(library.vocab, "技法")
    }
    return GuideData(
        library=library,
        prose=prose,
        guides=guides,
        waiting=[t for t in terms if t.name not in with_samples],
        functions={f: v for f, v in functions.items() if v},
        techniques={t: v for t, v in techniques.items() if v},
    )
