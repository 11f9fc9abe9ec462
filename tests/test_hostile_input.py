"""No traceback from any input: property-based tests of the loaders of templates_src/.

Each example writes a small library (the real vocabulary, one sample with its text and annotations, one
template, one phrase file), puts a generated value into one field (any Unicode including control characters,
very long text, YAML oddities written raw into the file, numbers, booleans, lists, mappings where text is
wanted; or raw bytes in another encoding), and loads it in-process as a build does. Either it loads, and a
text field holds exactly the text given, or it raises SourceError naming a file of the library, with a line
inside that file and a fix. Any other exception fails the test.

Fixed seed (derandomize) and a bounded number of examples, so CI runs the same cases in a few seconds. A few
refused builds run end to end (subprocess mkdocs build) at the end of this file.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import docx
import pytest
import yaml
from conftest import ROOT, build_changed
from helpers import assert_build_refused
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.sources.errors import SourceError
from macros.sources.library import load_library
from macros.sources.text_files import line_text
from macros.word.downloads import sample_docx, template_docx
from macros.word.layout import LINE_END, xml_text

EXAMPLES = 60  # per data kind: five kinds stay well within 20 s
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # a fixed seed: every run tries the same inputs
    database=None,  # nothing written to .hypothesis/
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SAMPLE_TEXT = (
    "一、目标任务\n完成农业招商引资项目投资5000万元,强势推进重点项目。\n二、工作措施\n（一）抓项目。全力以赴抓招商。\n"
)
SAMPLE = {
    "slug": "ceshi",
    "标题": "测试范文",
    "顺序": 1,
    "来源": "测试来源",
    "摘要": "一篇测试用的范文。",
    "行业": ["农业"],
    "文种": "工作要点",
    "层级": "乡镇",
    "地区": "某县",
    "年代": "2020年",
    "注记": [{"位置": "p2", "类型": "缺字", "内容": "原文这里有缺字。"}],
}
TEMPLATE = {
    "slug": "ceshi-moban",
    "标题": "测试模板",
    "顺序": 1,
    "摘要": "一个测试用的模板。",
    "行业": ["农业"],
    "文种": "工作要点",
    "层级": "乡镇",
    "来源": ["ceshi"],
    "字段": [{"键": "金额", "标签": "投资金额", "说明": "单位万元。", "示例": "5000", "必填": "是", "类型": "数字"}],
}
TEMPLATE_BODY = ["一、目标任务", "完成农业招商引资项目投资【【金额】】万元,强势推进重点项目。"]
ANNOTATIONS = {
    "结构": [{"位置": "p1", "作用": "先列目标。"}],
    "段落": {"p2": {"功能": ["目标"], "技法": [{"名称": "数字概括", "原文": "5000万元", "说明": "用数字说话。"}]}},
    "写法要点": [{"标题": f"要点{n}", "内容": f"第{n}条写法。"} for n in range(1, 4)],
    "数据问题": [{"位置": "p2", "内容": "数字待核。"}],
}
PHRASES = [
    {"短语": "强势推进", "类别": "推进落实", "释义": "力度大的推进。", "用法": "用在总体要求里。", "近义": ["全力推进"]}
]

# The parts of the library these files make (the checker's rules, the guides and the import rules are not written).
PARTS = ("samples", "templates", "annotations", "phrases")
FILES = {
    "sample": "templates_src/samples/ceshi.yml",
    "text": "templates_src/samples/ceshi.txt",
    "template": "templates_src/templates/ceshi.md",
    "annotations": "templates_src/annotations/ceshi.yml",
    "phrases": "templates_src/phrases/ceshi.yml",
}


def _sample(c):
    return c.sample("ceshi")


def _template(c):
    return c.template("ceshi-moban")


def _notes(c):
    return c.annotations["ceshi"]


def _phrase(c):
    return c.phrases.phrases[0]


# Every field of each kind: its path in the data, and for free-text fields where the loaded text shows.
SAMPLE_FIELDS = {
    ("slug",): None,
    ("标题",): lambda c: _sample(c).title,
    ("顺序",): None,
    ("来源",): lambda c: _sample(c).source,
    ("摘要",): lambda c: _sample(c).summary,
    ("行业",): None,
    ("行业", 0): None,
    ("文种",): None,
    ("层级",): None,
    ("地区",): lambda c: _sample(c).region,
    ("年代",): lambda c: _sample(c).era,
    ("注记",): None,
    ("注记", 0): None,
    ("注记", 0, "位置"): None,
    ("注记", 0, "类型"): lambda c: _sample(c).notes[0].kind,
    ("注记", 0, "内容"): lambda c: _sample(c).notes[0].text,
    ("作者",): None,  # a key that does not exist
}
TEMPLATE_FIELDS = {
    ("slug",): None,
    ("标题",): lambda c: _template(c).title,
    ("顺序",): None,
    ("摘要",): lambda c: _template(c).summary,
    ("行业",): None,
    ("文种",): None,
    ("层级",): None,
    ("来源",): None,
    ("来源", 0): None,
    ("字段",): None,
    ("字段", 0): None,
    ("字段", 0, "键"): None,
    ("字段", 0, "标签"): lambda c: _template(c).fields[0].label,
    ("字段", 0, "说明"): lambda c: _template(c).fields[0].help,
    ("字段", 0, "示例"): lambda c: _template(c).fields[0].example,
    ("字段", 0, "必填"): None,
    ("字段", 0, "类型"): None,
}
ANNOTATION_FIELDS = {
    ("结构",): None,
    ("结构", 0, "位置"): None,
    ("结构", 0, "作用"): lambda c: _notes(c).parts[0].role,
    ("段落",): None,
    ("段落", "p2"): None,
    ("段落", "p2", "功能"): None,
    ("段落", "p2", "技法"): None,
    ("段落", "p2", "技法", 0, "名称"): None,
    ("段落", "p2", "技法", 0, "原文"): None,
    ("段落", "p2", "技法", 0, "说明"): lambda c: _notes(c).paragraphs["p2"].techniques[0].note,
    ("写法要点",): None,
    ("写法要点", 0, "标题"): lambda c: _notes(c).lessons[0].title,
    ("写法要点", 0, "内容"): lambda c: _notes(c).lessons[0].text,
    ("数据问题", 0, "位置"): None,
    ("数据问题", 0, "内容"): lambda c: _notes(c).problems[0].text,
}
PHRASE_FIELDS = {
    (0,): None,
    (0, "短语"): None,
    (0, "类别"): None,
    (0, "释义"): lambda c: _phrase(c).meaning,
    (0, "用法"): lambda c: _phrase(c).usage,
    (0, "近义"): None,
    (0, "近义", 0): None,
}

# ---------------------------------------------------------------- generated values

# Characters that make trouble: controls, line and paragraph separators, BOM, full-width space, YAML and
# Markdown and HTML syntax, the numbering that makes headings, the template's own markers.
TRICKY = st.sampled_from(
    list("\x00\x01\x08\t\x0b\x0c\r\x1b\x1f\x7f\x85\xa0\u2028\u2029\ufeff\u3000\u200b\ufffe\uffff")
    + list("一、（一）1.①【】{}[]<>&\"'#:-|>!%@`*?,~\\")
    + ["【【金额】】", "【新增】", "{{ x }}", "{%", "---", "\n", "\r\n", "\n\n", ": ", " #", "- "]
)
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.lists(st.one_of(TRICKY, st.text(max_size=3)), max_size=12).map("".join),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(60, 2500)),  # very long
    st.sampled_from(["9:30", "010", "1.50", "yes", "no", "~", "null", "0x1F", "1e3", ".inf", "2020-13-45", "<<", "="]),
)
VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
# Written into the file as is, in place of a value: YAML's own syntax.
RAW_YAML = st.one_of(
    st.sampled_from(
        [
            "&a 文字",
            "*a",
            "!!python/object/apply:os.system ['echo hi']",
            "!!int 3",
            "!!binary aGk=",
            "!custom x",
            "[[[[[[",
            "{a: [b, {c: d}]}",
            "|\n  第一行\n  第二行",
            ">-\n  折叠\n  的行",
            "'没有结束的引号",
            '"\\x0b\\u2028\\0"',
            "? [复杂, 键]\n: 值",
            "<<: {地区: 某地}",
            "%YAML 1.1",
            "- 甲\n- 乙",
            "\t文字",
            "文字 # 注释",
            "9:30",
            "0o17",
            "[" * 300 + "]" * 300,
        ]
    ),
    TEXT.map(lambda t: t.replace("\n", " ")),
)


@st.composite
def change(draw, fields):
    """(path, value, raw): put value at path; raw values are written into the YAML text unquoted."""
    path = draw(st.sampled_from(sorted(fields, key=repr)))
    if draw(st.booleans()):
        return path, draw(RAW_YAML), True
    return path, draw(VALUE), False


# ---------------------------------------------------------------- writing and loading the library

MARK = "GENERATEDVALUE"  # plain in YAML: the dumper writes it without quotes


def put(data, path, value):
    """A deep copy of data with value at path; a path into a missing or wrong-shaped place adds nothing."""
    data = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    node = data
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return data
    if isinstance(node, dict) or (isinstance(node, list) and isinstance(path[-1], int) and path[-1] < len(node)):
        node[path[-1]] = value
    return data


def dump(data, path=None, value=None, raw=False) -> str:
    if path is None:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if not raw:
        return yaml.safe_dump(put(data, path, value), allow_unicode=True, sort_keys=False)
    text = yaml.safe_dump(put(data, path, MARK), allow_unicode=True, sort_keys=False)
    return text.replace(MARK, value)


def write_library(root: Path, files: dict[str, str | bytes]) -> None:
    shutil.copy(ROOT / "templates_src/vocab.yml", root / "templates_src/vocab.yml")
    for kind, rel in FILES.items():
        content = files[kind]
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        (root / rel).write_bytes(data)


def template_file(front: str, body: list[str] | str) -> str:
    return f"---\n{front}---\n" + (body if isinstance(body, str) else "\n".join(body) + "\n")


def base_files() -> dict[str, str | bytes]:
    return {
        "sample": dump(SAMPLE),
        "text": SAMPLE_TEXT,
        "template": template_file(dump(TEMPLATE), TEMPLATE_BODY),
        "annotations": dump(ANNOTATIONS),
        "phrases": dump(PHRASES),
    }


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        yield Path(folder)


_runs = iter(range(10**9))


def load(workdir: Path, files: dict[str, str | bytes]):
    """Load the library; returns the catalog, or None after checking that the SourceError is located."""
    root = workdir / f"run{next(_runs)}"
    for rel in FILES.values():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
    write_library(root, files)
    try:
        catalog = load_library(root, parts=PARTS)
    except SourceError as error:
        where = Path(error.path)
        assert where.is_file() and where.resolve().is_relative_to(root.resolve()), str(error)
        data = where.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # line ends as the loaders count
        lines = data.count(b"\n") + 1
        assert error.line is None or 1 <= error.line <= lines, (error.line, lines, str(error))
        assert error.problem and error.fix and str(error).startswith(error.path)
        return None
    finally:
        shutil.rmtree(root, ignore_errors=True)
    # What loaded also makes its Word files (the build writes one per sample; the CLI fills templates).
    for sample in catalog.samples:
        docx.Document(io.BytesIO(sample_docx(sample)))
    for template in catalog.templates:
        docx.Document(io.BytesIO(template_docx(template, template.examples)))
    return catalog


def check_literal(catalog, fields, path, value, raw) -> None:
    """A text that loaded is the text given (stripped of surrounding spaces), not a number or a date."""
    getter = fields[path]
    if catalog is None or raw or getter is None or not isinstance(value, str):
        return
    assert getter(catalog) == value.strip()


def test_the_base_library_loads(workdir):
    catalog = load(workdir, base_files())
    assert catalog is not None and [b.anchor for b in catalog.sample("ceshi").blocks] == ["p1", "p2", "p3", "p4"]


# ---------------------------------------------------------------- one property per data kind


@SETTINGS
@given(change(SAMPLE_FIELDS))
def test_any_sample_metadata(workdir, generated):
    path, value, raw = generated
    catalog = load(workdir, {**base_files(), "sample": dump(SAMPLE, path, value, raw)})
    check_literal(catalog, SAMPLE_FIELDS, path, value, raw)


@SETTINGS
@given(
    st.one_of(
        st.tuples(st.just("line"), st.lists(TEXT, min_size=1, max_size=4)),
        st.tuples(st.just("inside"), TEXT),
        st.tuples(st.just("bytes"), st.binary(max_size=200)),
        st.tuples(st.sampled_from(["gb18030", "utf-16", "utf-8-sig", "utf-16-be"]), st.just("")),
    )
)
def test_any_sample_text(workdir, generated):
    how, value = generated
    if how == "line":  # lines added after the four the annotations refer to
        text = SAMPLE_TEXT + "\n".join(value)
    elif how == "inside":  # characters inside the last paragraph
        text = SAMPLE_TEXT.replace("全力以赴", "全力" + value + "以赴")
    elif how == "bytes":
        text = SAMPLE_TEXT.encode() + value
    else:
        text = SAMPLE_TEXT.encode(how)
    catalog = load(workdir, {**base_files(), "text": text})
    if catalog is not None and isinstance(text, str):
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # Windows and old Mac line ends
        expected = [line_text(line) for line in lines if line_text(line)]
        assert [b.text for b in catalog.sample("ceshi").blocks] == expected


@SETTINGS
@given(
    st.one_of(
        change(TEMPLATE_FIELDS).map(lambda c: ("front", c)),
        st.tuples(st.just("body"), st.lists(TEXT, min_size=1, max_size=3)),
    )
)
def test_any_template(workdir, generated):
    where, value = generated
    if where == "front":
        path, item, raw = value
        front, body = dump(TEMPLATE, path, item, raw), TEMPLATE_BODY
    else:
        front, body = dump(TEMPLATE), TEMPLATE_BODY + value
    catalog = load(workdir, {**base_files(), "template": template_file(front, body)})
    if where == "front":
        check_literal(catalog, TEMPLATE_FIELDS, *value)
    elif catalog is not None:
        paras = [p for p in "\n".join(body).split("\n") if line_text(p)]
        assert len(_template(catalog).paras) == len(paras)


@SETTINGS
@given(change(ANNOTATION_FIELDS))
def test_any_annotation(workdir, generated):
    path, value, raw = generated
    catalog = load(workdir, {**base_files(), "annotations": dump(ANNOTATIONS, path, value, raw)})
    if catalog is not None:
        _notes(catalog)
    check_literal(catalog, ANNOTATION_FIELDS, path, value, raw)


@SETTINGS
@given(change(PHRASE_FIELDS))
def test_any_phrase(workdir, generated):
    path, value, raw = generated
    catalog = load(workdir, {**base_files(), "phrases": dump(PHRASES, path, value, raw)})
    check_literal(catalog, PHRASE_FIELDS, path, value, raw)


@pytest.fixture(scope="module")
def base_template(workdir):
    return _template(load(workdir, base_files()))


@settings(SETTINGS, max_examples=EXAMPLES // 2)
@given(TEXT)
def test_any_value_typed_into_a_field_makes_a_word_file(base_template, value):
    """What a user types into the form (here through Python, as the CLI does): a file python-docx opens,
    holding the value without the characters XML cannot hold, one paragraph a line."""
    template = base_template
    paragraph = next(p for p in template.paras if p.placeholder_keys())
    document = docx.Document(io.BytesIO(template_docx(template, {"金额": value})))
    text = "\n".join(p.text for p in document.paragraphs)
    for line in LINE_END.split(xml_text(value)):
        assert line.strip() in text
    assert paragraph.text.split("【【")[0] in text


# ---------------------------------------------------------------- refused builds, end to end


@pytest.mark.parametrize(
    ("rel", "old", "new", "where", "problem"),
    [
        # Two of the reported failures: a title over 255 characters (a traceback: Word's limit for a document
        # title) and a sub-kilobyte alias bomb (minutes of work and megabytes of error text).
        (
            "templates_src/samples/fanwen-2.yml",
            "标题: 乡镇年度",
            "标题: " + "很长的标题" * 60 + "乡镇年度",
            "templates_src/samples/fanwen-2.yml:2",
            "超过了 200 字的上限",
        ),
        (
            "templates_src/annotations/fanwen-2.yml",
            "结构:",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n结构:",
            "templates_src/annotations/fanwen-2.yml:1",
            "锚点“&a”",
        ),
    ],
)
def test_refused_builds_end_to_end(tmp_path, rel, old, new, where, problem):
    _, out, result = build_changed(tmp_path, change=(rel, old, new))
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert_build_refused(result, out, where, problem)


def test_a_gbk_sample_is_refused_end_to_end(tmp_path):
    from conftest import copy_project, run_build

    project = copy_project(tmp_path / "project")
    path = project / "templates_src/samples/fanwen-2.txt"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    out = tmp_path / "out"
    result = run_build(project, out)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert_build_refused(result, out, "templates_src/samples/fanwen-2.txt:1", "GB18030")
    assert "iconv -f GB18030 -t UTF-8 fanwen-2.txt" in result.stderr
