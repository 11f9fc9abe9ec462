"""The part of regular-expression syntax that Python `re` and JavaScript `RegExp(…, "u")` read the same way.

A rule's pattern is run by both engines (macros/checker/engine.py and engine.js beside it), so it
may only use syntax whose meaning is identical in the two. `expand_and_check` walks the pattern once, expands
the named character classes of rules.yml (`{汉字}`), and refuses everything outside the subset with a message
that says what, where (the character position in the pattern) and what to write instead. Python then compiles
the result, which catches what a walk cannot (a lookbehind that is not fixed-width, a reference to a missing
group).

Allowed: literal characters; escapes of the syntax characters ^ $ \\ . * + ? ( ) [ ] { } | / (and - inside a
class); \\n \\t \\r \\f \\v; \\uXXXX (not a surrogate); \\xHH; back references \\1 … \\9; character classes
[…] and [^…] with ranges; groups (…) and (?:…); lookarounds (?=…) (?!…) (?<=…) (?<!…) without capturing
groups inside; alternation |; anchors ^ and $; quantifiers * + ? {n} {n,} {n,m}, each optionally lazy (?).

Refused, with the reason:
- \\d \\w \\s \\b and their capitals: Python's match every script's digits, letters and spaces, JavaScript's
  only ASCII; write the class out, e.g. [0-9];
- . : JavaScript's stops at U+2028 and U+2029, Python's does not; write a class such as [^，。];
- named groups, inline flags, atomic groups, possessive quantifiers, conditionals, comments, \\A \\Z \\p \\k
  \\U \\N and octal escapes: one of the two engines does not have them or reads them differently;
- an unescaped { } or ] that is not syntax, a [ inside a class, && -- ~~ || inside a class, an empty class:
  one engine takes them literally, the other refuses or reads a set operation;
- a capturing group inside a lookaround or inside a repeated group: the engines fill it differently;
- a pattern that can take time growing with the square of a line (or worse) in either engine, both of which
  backtrack (`slow_shape`): a repetition without an upper bound inside another one (`(?:[0-9]+年)+`), two such
  repetitions in a row that can match the same character (`[0-9]*[0-9]+`), alternatives under one that can start
  with the same character (`(?:ab|ac)*`), and a pattern that starts with one (`[0-9]*[*＊]`: the search tries it
  from every character of a long run of digits) unless a negative lookbehind just before it excludes what it
  repeats (or a positive one that wants another character), so that it is tried from the start of a run only:
  `(?<![0-9])[0-9]*[*＊]`, `(?<=[{汉字}])[ ]*,`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants as sre
from re import _parser as sre_parse

from macros.sources.errors import LocatedError

SYNTAX = set("^$\\.*+?()[]{}|/")
CONTROL_ESCAPES = set("ntrfv")
SHORTHANDS = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[A-Za-z0-9_]",
    "W": "[^A-Za-z0-9_]",
    "s": "[ \\t]",
    "S": "[^ \\t]",
}
NAME = re.compile(r"\{([^\W\d][^{}]*)\}")  # {汉字}: a name, never a quantifier such as {2}
QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")


class PatternError(LocatedError):
    """A pattern outside the subset, located by `position` (1-based) in the pattern as written.

    The rule loader places it in its file: a SourceError naming rules.yml, the line, the pattern and this place.
    """

    def __init__(self, position: int, problem: str, fix: str):
        self.position = position
        super().__init__(None, None, problem, fix)

    @property
    def where(self) -> str:
        return f"第 {self.position} 个字符处"


@dataclass
class _Group:
    kind: str  # "capture", "plain" or "look"
    start: int
    children_capture: bool = False
    parent: _Group | None = None
    nested_captures: list[int] = field(default_factory=list)  # positions of capturing groups inside


def _fail(position: int, problem: str, fix: str):
    raise PatternError(position + 1, problem, fix)


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """The escape at pattern[i] (a backslash) as written, and the index after it."""
    if i + 1 >= len(pattern):
        _fail(i, "模式以单独的反斜杠结尾", "删掉它，或写成 \\\\ 表示反斜杠本身")
    c = pattern[i + 1]
    if c in SYNTAX or (in_class and c == "-"):
        return pattern[i : i + 2], i + 2
    if c in CONTROL_ESCAPES:
        return pattern[i : i + 2], i + 2
    if c == "u":
        digits = pattern[i + 2 : i + 6]
        if not re.fullmatch(r"[0-9A-Fa-f]{4}", digits):
            _fail(i, "\\u 后面要跟四位十六进制数", "写成 \\u4e00 这样；\\u{…} 只有 JavaScript 认得")
        if 0xD800 <= int(digits, 16) <= 0xDFFF:
            _fail(i, "\\u 写的是代理项（D800–DFFF），两种引擎解释不同", "直接写出这个字符本身")
        return pattern[i : i + 6], i + 6
    if c == "x":
        if not re.fullmatch(r"[0-9A-Fa-f]{2}", pattern[i + 2 : i + 4]):
            _fail(i, "\\x 后面要跟两位十六进制数", "写成 \\x41 这样")
        return pattern[i : i + 4], i + 4
    if c in "123456789" and not in_class:
        if i + 2 < len(pattern) and pattern[i + 2].isdigit():
            _fail(i, "两位数的反向引用两种引擎解释不同", "最多用到第 9 组：\\1 … \\9")
        return pattern[i : i + 2], i + 2
    if c in SHORTHANDS:
        _fail(
            i,
            f"\\{c} 在 Python 里包括各种文字的字符，在 JavaScript 里只有 ASCII",
            f"写成字符类，例如 {SHORTHANDS[c]}",
        )
    if c in "bB":
        _fail(i, f"\\{c}（词边界）两种引擎对汉字的判断不同", "用环视写出边界，例如 (?<![A-Za-z])")
    _fail(i, f"\\{c} 不在两种引擎通用的写法之内", "去掉反斜杠，或把字符写进字符类 […]")
    raise AssertionError  # unreachable


def _class(pattern: str, i: int, classes: dict[str, str]) -> tuple[str, int]:
    """A character class starting at pattern[i] == '[', expanded; returns it and the index after it."""
    out = ["["]
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        out.append("^")
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        _fail(j, "空的字符类 [] 或 [^]：JavaScript 当作“不匹配/匹配任何字符”，Python 报错", "写出要匹配的字符")
    items = 0
    while True:
        if j >= len(pattern):
            _fail(i, "字符类 [ 没有对应的 ]", "在字符类末尾补上 ]")
        c = pattern[j]
        if c == "]":
            break
        if c == "\\":
            text, j = _escape(pattern, j, in_class=True)
            out.append(text)
        elif c == "[":
            _fail(j, "字符类里的 [ 在 Python 里可能被当成嵌套集合", "写成 \\[")
        elif c == "{":
            m = NAME.match(pattern, j)
            if m and m.group(1) in classes:
                out.append(classes[m.group(1)])
                j = m.end()
            elif m:
                _fail(
                    j,
                    f"没有名为“{m.group(1)}”的字符类",
                    f"可用的有：{'、'.join(classes) or '（无）'}；花括号本身写成 \\{{",
                )
            else:
                out.append("\\{")
                j += 1
        elif pattern.startswith(("&&", "--", "~~", "||"), j):
            _fail(j, f"字符类里的 {pattern[j : j + 2]} 在 Python 里是集合运算的保留写法", "把其中一个字符用反斜杠转义")
        else:
            out.append(c)
            j += 1
        items += 1
    if items == 0:
        _fail(i, "空的字符类", "写出要匹配的字符")
    if out[1] == "^" and "\\n" not in out:
        out.append("\\n")  # a negated class never takes a line end: the engines search a whole draft at once
    out.append("]")
    return "".join(out), j + 1


def expand_and_check(pattern: str, classes: dict[str, str] | None = None) -> str:
    """The pattern with {名字} classes expanded, after checking it is in the subset; raises PatternError."""
    classes = classes or {}
    if not pattern:
        raise PatternError(1, "模式是空的", "写出要查找的文字或正则表达式")
    out: list[str] = []
    stack: list[_Group] = []
    groups = 0
    last_atom: str | None = None  # "atom", "look", "group:<index>" for what a quantifier would repeat
    quantified_groups: list[_Group] = []
    closed: dict[int, _Group] = {}
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            text, i = _escape(pattern, i, in_class=False)
            out.append(text)
            last_atom = "atom"
            continue
        if c == "[":
            text, i = _class(pattern, i, classes)
            out.append(text)
            last_atom = "atom"
            continue
        if c == "(":
            rest = pattern[i + 1 : i + 4]
            if rest.startswith("?:"):
                kind, width = "plain", 3
            elif rest.startswith(("?=", "?!")):
                kind, width = "look", 3
            elif rest.startswith(("?<=", "?<!")):
                kind, width = "look", 4
            elif rest.startswith("?"):
                _fail(
                    i,
                    f"“({rest}” 这种分组（命名组、内联标志、原子组、条件、注释）不是两种引擎通用的",
                    "只用 (…)、(?:…)、(?=…)、(?!…)、(?<=…)、(?<!…)",
                )
            else:
                kind, width = "capture", 1
                groups += 1
                if any(g.kind == "look" for g in stack):
                    _fail(i, "环视里有捕获组：两种引擎对它的取值不同", "改成 (?:…)")
                for g in stack:
                    g.nested_captures.append(i)
            group = _Group(kind, i, parent=stack[-1] if stack else None)
            stack.append(group)
            out.append(pattern[i : i + width])
            i += width
            last_atom = None
            continue
        if c == ")":
            if not stack:
                _fail(i, "多了一个 )", "删掉它，或写成 \\)")
            group = stack.pop()
            closed[group.start] = group
            out.append(")")
            i += 1
            last_atom = "look" if group.kind == "look" else f"group:{group.start}"
            continue
        if c in "*+?" or (c == "{" and QUANTIFIER.match(pattern, i)):
            if c == "{":
                m = QUANTIFIER.match(pattern, i)
                if m.group(3) and int(m.group(3)) < int(m.group(1)):
                    _fail(i, f"次数 {m.group(0)} 的上限小于下限", "把小的数写在前面")
                text, i = m.group(0), m.end()
            else:
                text, i = c, i + 1
            if last_atom is None:
                _fail(i - len(text), f"“{text}”前面没有可以重复的内容", "删掉它，或写成 \\" + text[0])
            if last_atom == "look":
                _fail(i - len(text), "环视不能重复（JavaScript 的 u 模式不允许）", "删掉环视后面的次数")
            if last_atom.startswith("group:"):
                quantified_groups.append(closed[int(last_atom[6:])])
            if i < len(pattern) and pattern[i] == "?":
                text += "?"
                i += 1
            if i < len(pattern) and pattern[i] in "*+?{":
                _fail(i, "占有量词或连续两个量词：JavaScript 没有这种写法", "删掉多余的量词")
            out.append(text)
            last_atom = "quantified"
            continue
        if c == "{":
            m = NAME.match(pattern, i)
            if m and m.group(1) in classes:
                out.append(f"[{classes[m.group(1)]}]")
                i = m.end()
                last_atom = "atom"
                continue
            if m:
                _fail(
                    i,
                    f"没有名为“{m.group(1)}”的字符类",
                    f"可用的有：{'、'.join(classes) or '（无）'}；花括号本身写成 \\{{",
                )
            _fail(i, "单独的 { 在 JavaScript 的 u 模式里是语法错误", "写成 \\{，或写成完整的次数 {2}、{1,3}")
        if c == "}":
            _fail(i, "单独的 } 在 JavaScript 的 u 模式里是语法错误", "写成 \\}")
        if c == "]":
            _fail(i, "单独的 ] 在 JavaScript 的 u 模式里是语法错误", "写成 \\]")
        if c == ".":
            _fail(
                i, "点号 . 在 JavaScript 里不匹配 U+2028/U+2029，在 Python 里匹配", "写成字符类，例如 [^，。] 或 [^\\n]"
            )
        if c in "|^$":
            out.append(c)
            i += 1
            last_atom = None  # nothing to repeat after | ^ $ (JavaScript refuses ^* outright)
            continue
        out.append(c)
        i += 1
        last_atom = "atom"
    if stack:
        _fail(stack[-1].start, "( 没有对应的 )", "在分组末尾补上 )")
    for group in quantified_groups:
        if group.nested_captures:
            _fail(group.nested_captures[0], "重复的分组里有捕获组：两种引擎记下的内容不同", "把里面的 (…) 改成 (?:…)")
    expanded = "".join(out)
    try:
        compiled = re.compile(expanded)
    except re.error as error:
        problem = str(error.msg)
        if "look-behind requires fixed-width" in problem:
            problem = "后顾环视 (?<=…)/(?<!…) 里的内容长度必须固定（Python 的要求）"
            fix = "去掉里面的 * + ? 和长度不同的选择"
        elif "invalid group reference" in problem or "unknown group" in problem:
            problem, fix = "反向引用的组不存在", "检查 \\1 … \\9 的编号"
        else:
            fix = "照 templates_src/checker/README.md 的写法改"
        raise PatternError(1, f"Python 无法编译：{problem}", fix) from None
    if compiled.groups != groups:  # the walk and the compiler must agree on what the groups are
        raise PatternError(1, "分组数目与 Python 的理解不一致", "照 templates_src/checker/README.md 的写法改")
    slow = slow_shape(expanded)
    if slow:
        raise PatternError(
            1,
            slow,
            "给开头的重复前面加一个排除同样字符的后顾，如 (?<![0-9])[0-9]*；或给重复加上限，如 {1,20}；"
            "或把相连的重复合成一个",
        )
    return expanded


# ---------------------------------------------------------------- patterns that backtrack without end

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ANY = ((0, 0x10FFFF),)


def _chars(node) -> tuple[tuple[int, int], ...] | None:
    """The code points one element can start with, as ranges; None when unknown (then assumed to overlap)."""
    op, av = node
    if op == sre.LITERAL:
        return ((av, av),)
    if op == sre.IN:
        if any(item[0] in (sre.NEGATE, sre.CATEGORY) for item in av):
            return None
        return tuple((a, a) if kind == sre.LITERAL else a for kind, a in av if kind in (sre.LITERAL, sre.RANGE))
    if op in _REPEATS:
        return _first(av[2])
    if op == sre.SUBPATTERN:
        return _first(av[3])
    if op == sre.BRANCH:
        found: list = []
        for alternative in av[1]:
            first = _first(alternative)
            if first is None:
                return None
            found += first
        return tuple(found)
    return None


def _first(sequence) -> tuple[tuple[int, int], ...] | None:
    """What a sequence can start with: the first elements up to and including the first that cannot be empty."""
    found: list = []
    for node in sequence:
        if node[0] in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        chars = _chars(node)
        if chars is None:
            return None
        found += chars
        if not _nullable(node):
            break
    return tuple(found)


def _nullable(node) -> bool:
    op, av = node
    if op in _REPEATS:
        return av[0] == 0 or all(_nullable(n) for n in av[2])
    if op == sre.SUBPATTERN:
        return all(_nullable(n) for n in av[3])
    if op == sre.BRANCH:
        return any(all(_nullable(n) for n in alternative) for alternative in av[1])
    return op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def _overlap(a, b) -> bool:
    if a is None or b is None:
        return True
    return any(x0 <= y1 and y0 <= x1 for x0, x1 in a for y0, y1 in b)


def _covers(outer, inner) -> bool:
    """Whether every code point of inner is in outer (both known)."""
    if outer is None or inner is None:
        return False
    return all(any(o0 <= i0 and i1 <= o1 for o0, o1 in outer) for i0, i1 in inner)


def _guarded(guard, repeated) -> bool:
    """Whether a lookbehind keeps a repetition from being tried inside a run of what it repeats: a negative one
    that excludes all of it, or a positive one that wants a character it cannot repeat."""
    if guard is None or repeated is None:
        return False
    negative, looked_at = guard
    return _covers(looked_at, repeated) if negative else looked_at is not None and not _overlap(looked_at, repeated)


def _unbounded(node) -> bool:
    return node[0] in _REPEATS and node[1][1] == sre.MAXREPEAT


def _children(node):
    op, av = node
    if op in _REPEATS:
        yield av[2]
    elif op == sre.SUBPATTERN:
        yield av[3]
    elif op == sre.BRANCH:
        yield from av[1]
    elif op in (sre.ASSERT, sre.ASSERT_NOT):
        yield av[1]


def _repeats_inside(sequence) -> bool:
    return any(
        (node[0] in _REPEATS and node[1][1] > 1) or any(_repeats_inside(child) for child in _children(node))
        for node in sequence
    )


def _slow_in(sequence) -> str | None:
    for i, node in enumerate(sequence):
        if _unbounded(node):
            body = node[1][2]
            if _repeats_inside(body):
                return "一个不限次数的重复里面还有重复（如 (?:[0-9]+年)+），遇到长的行要试的次数成倍增长"
            for inner in body:
                if inner[0] == sre.BRANCH:
                    firsts = [_first(alternative) for alternative in inner[1][1]]
                    if any(_overlap(a, b) for k, a in enumerate(firsts) for b in firsts[k + 1 :]):
                        return "不限次数的重复里的几个选择能以同一个字开头（如 (?:ab|ac)*），遇到长的行会反复回溯"
            for later in sequence[i + 1 :]:
                if _unbounded(later) and _overlap(_chars(node), _chars(later)):
                    return "两个不限次数的重复相连、又能匹配同一个字（如 [0-9]*[0-9]+），遇到长的行会反复回溯"
                if not _nullable(later):
                    break
        for child in _children(node):
            problem = _slow_in(child)
            if problem:
                return problem
    return None


def slow_shape(expanded: str) -> str | None:
    """Why the pattern can take time growing faster than the line it searches, in a backtracking engine (Python's
    and JavaScript's both are), or None. The checks are on the pattern's shape, so they hold for any input."""
    sequence = list(sre_parse.parse(expanded))
    alternatives = sequence[0][1][1] if sequence and sequence[0][0] == sre.BRANCH else [sequence]
    for alternative in alternatives:
        guard = None  # a lookbehind just before: (negative?, what it looks at)
        for index, node in enumerate(alternative):
            if node[0] == sre.AT and node[1] == sre.AT_BEGINNING:
                break  # anchored: tried at the start of the line only
            if node[0] in (sre.ASSERT, sre.ASSERT_NOT) and node[1][0] == -1:
                guard = (node[0] == sre.ASSERT_NOT, _first(node[1][1]))
                continue
            if node[0] in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                continue
            rest = alternative[index + 1 :]  # a repetition that ends the match cannot fail after its run
            can_fail = any(n[0] in (sre.AT, sre.ASSERT, sre.ASSERT_NOT) or not _nullable(n) for n in rest)
            if _unbounded(node) and can_fail and not _guarded(guard, _chars(node)):
                return (
                    "模式以不限次数的重复开头：在一长串能重复的字里，查找要从每个字起重试一遍"
                    "（例如 [0-9]*[*＊] 遇到一长串数字）"
                )
            if not _nullable(node):
                break
            guard = None
    return _slow_in(sequence)


def group_count(expanded: str) -> int:
    return re.compile(expanded).groups


# ---------------------------------------------------------------- one search over a whole draft

LINE_START = "(?<![^\\n])"
LINE_END = "(?![^\\n])"


def takes_line_end(expanded: str) -> bool:
    """Whether the pattern can match a line end ("\\n" written out, or in a class that is not negated)."""

    def walk(sequence) -> bool:
        for op, av in sequence:
            if op == sre.LITERAL and av == 10:
                return True
            if op == sre.IN and not any(item[0] == sre.NEGATE for item in av):
                for kind, value in av:
                    if (kind == sre.LITERAL and value == 10) or (kind == sre.RANGE and value[0] <= 10 <= value[1]):
                        return True
            if any(walk(child) for child in _children((op, av))):
                return True
        return False

    return walk(list(sre_parse.parse(expanded)))


def for_whole_text(expanded: str) -> str:
    """A rule's pattern made to run once over a whole draft (its lines joined by "\\n") with the meaning it has on
    one line: ^ and $ become lookarounds for a line's start and end (both engines read them alike, where
    JavaScript's multiline ^ would also stop at U+2028), and negated classes already leave line ends out
    (_class). The caller refuses a pattern that takes_line_end."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(expanded):
        c = expanded[i]
        if c == "\\":
            out.append(expanded[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "^":
            c = LINE_START
        elif c == "$":
            c = LINE_END
        out.append(c)
        i += 1
    return "".join(out)
