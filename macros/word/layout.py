"""Word (.docx) documents in the national official-document layout, GB/T 9704-2012.

One function, :func:`build_docx`, turns a title and a list of :class:`Para` into the bytes of a .docx:

- A4, 版心 156 mm × 225 mm (top margin 37 mm, left 28 mm, so right 26 mm and bottom 35 mm);
- a document grid of 22 lines a page and 28 characters a line (``w:docGrid type="linesAndChars"``), with
  lines exactly 28.95 pt apart and characters condensed 0.3 pt so the text keeps 22 × 28 off the grid too;
- title 2号 (22 pt) 方正小标宋简体, centred; body 3号 (16 pt) 仿宋_GB2312, first line indented two characters;
- numbered levels 一、 in 黑体, （一） in 楷体_GB2312, 1. and （1） in 仿宋_GB2312;
- page numbers 4号 half-width digits as “— 1 —”, odd pages at the right, even pages at the left, one
  character in from the edge, the 一字线 7 mm below the 版心.

Fonts live in paragraph styles (公文标题, 公文正文, 一级标题 …) with the East Asian name in ``w:eastAsia`` and
Times New Roman for Latin letters and digits. ``fontTable.xml`` names a stand-in for each Chinese font
(仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体) with the GB2312 character set, so a machine
without the official fonts still shows Chinese type of the same kind.

A table row block (``| a | b |``, see macros/sources/text_blocks.py) joins the rows next to it in one Word
table the width of the 版心, single 0.5 pt rules, 4号 仿宋_GB2312 cells and a 黑体 header row that repeats on
every page; the two table styles are added only to documents that have a table.

A field left empty is written as its placeholder 【【键】】 in a run highlighted yellow; the browser download
fills the same runs in with fill.js beside this module (its twin: tests/twins/ compares them), so both paths
produce the same document.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

from macros.sources.templates import CLOSE, OPEN, placeholder
from macros.sources.text_blocks import Block, numbering_rank

# --- Page geometry (twips: 1/20 pt; 1 mm = 56.693 twips) --------------------------------------------------
PAGE_WIDTH = 11906  # A4 210 mm
PAGE_HEIGHT = 16838  # A4 297 mm
MARGIN_TOP = 2098  # 37 mm
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_LEFT = 1587  # 28 mm
MARGIN_RIGHT = 1474  # 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 = 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 12756 = 225 mm

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_SIZE_PT = 16  # 3号
TITLE_SIZE_PT = 22  # 2号
PAGE_NUMBER_SIZE_PT = 14  # 4号
# 225 mm / 22 = 28.99 pt; Word stores whole twips, 579 (28.95 pt) is the largest pitch that keeps 22 lines.
LINE_PITCH = TEXT_HEIGHT // LINES_PER_PAGE  # 579
# Grid character pitch = body size + charSpace/4096 pt. -842 is the largest value that still fits 28
# characters of 16 pt into 156 mm (28 × 15.794 pt ≤ 442.25 pt), the value common 公文 templates carry.
CHAR_SPACE = -842
CHAR_PITCH_TWIPS = (BODY_SIZE_PT * 4096 + CHAR_SPACE) * 20 / 4096  # 315.9
assert int(TEXT_WIDTH // CHAR_PITCH_TWIPS) == CHARS_PER_LINE
assert LINE_PITCH * LINES_PER_PAGE <= TEXT_HEIGHT < LINE_PITCH * (LINES_PER_PAGE + 1)
# Word squeezes 16 pt characters into the 15.79 pt grid cells by itself; LibreOffice gives a character wider
# than a cell two cells and breaks lines unevenly. So the paragraphs do not snap to the grid (w:snapToGrid 0:
# the grid still sets Word's page-setup numbers and applies to text a user adds in other styles), and every
# character is condensed by 0.3 pt (w:spacing, twips) instead, so 28 a line does not depend on how a program
# treats the grid (28 × 15.7 pt ≤ 442.25 pt < 29 × 15.7 pt; measured in LibreOffice by the tests). Lines are
# exactly LINE_PITCH apart, so 22 a page.
CONDENSE = -6
assert int(TEXT_WIDTH // (BODY_SIZE_PT * 20 + CONDENSE)) == CHARS_PER_LINE
TITLE_CHARS = TEXT_WIDTH // (TITLE_SIZE_PT * 20 + CONDENSE)  # 20 characters of 2号 a line
# Two characters of first-line indent (Word and WPS read w:firstLineChars; others these twips).
FIRST_LINE_INDENT = 2 * (BODY_SIZE_PT * 20 + CONDENSE)  # 628
# Page number: its 一字线 7 mm below the 版心, so the footer line (one 4号 line high) starts 28 mm from
# the page bottom; “空一字” is one 4号 character in from the outer edge.
PAGE_NUMBER_LINE = PAGE_NUMBER_SIZE_PT * 20
FOOTER_DISTANCE = MARGIN_BOTTOM - 397 - PAGE_NUMBER_LINE  # 397 twips = 7 mm
PAGE_NUMBER_INDENT = PAGE_NUMBER_SIZE_PT * 20
EM_DASH = "\u2014"  # 一字线

LATIN_FONT = "Times New Roman"
FONT_TITLE = "方正小标宋简体"
FONT_FANGSONG = "仿宋_GB2312"
FONT_HEITI = "黑体"
FONT_KAITI = "楷体_GB2312"
FONT_SONGTI = "宋体"
# fontTable.xml entries: the stand-in Word and WPS use when the font is missing, and its family.
FONT_TABLE = {
    FONT_TITLE: ("宋体", "roman"),
    FONT_FANGSONG: ("仿宋", "modern"),
    FONT_KAITI: ("楷体", "modern"),
    FONT_HEITI: ("SimHei", "modern"),
    FONT_SONGTI: ("SimSun", "auto"),
    LATIN_FONT: (None, "roman"),
}

# Paragraph styles: name -> (East Asian font, size in pt, outline level or None).
STYLE_TITLE = "公文标题"
STYLE_BODY = "公文正文"
HEADING_STYLES = ["一级标题", "二级标题", "三级标题", "四级标题"]  # numbering rank 0..3
# A paragraph that starts “（一）加强领导。全面……” has its heading run in: the lead sentence takes the level's
# font through a character style (ranks 2 and 3 are 仿宋 like the body, so they need none).
LEAD_STYLES = {0: ("一级标题字", FONT_HEITI), 1: ("二级标题字", FONT_KAITI)}
STYLES = {
    STYLE_TITLE: (FONT_TITLE, TITLE_SIZE_PT, None),
    STYLE_BODY: (FONT_FANGSONG, BODY_SIZE_PT, None),
    "一级标题": (FONT_HEITI, BODY_SIZE_PT, 0),
    "二级标题": (FONT_KAITI, BODY_SIZE_PT, 1),
    "三级标题": (FONT_FANGSONG, BODY_SIZE_PT, 2),
    "四级标题": (FONT_FANGSONG, BODY_SIZE_PT, 3),
}

# Zip entries get this timestamp so that building the same document twice gives the same bytes.
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Field:
    """A fill-in field inside a paragraph; written as the value, or as the highlighted placeholder."""

    key: str


@dataclass(frozen=True)
class Para:
    """One paragraph: its style (STYLE_BODY, one of HEADING_STYLES) and its text, with fields in it."""

    style: str
    segments: tuple[str | Field, ...] = field(default_factory=tuple)
    lead: str | None = None  # character style of a run-in heading, up to and with the first 。

    @property
    def text(self) -> str:
        return "".join(s if isinstance(s, str) else placeholder(s.key) for s in self.segments)


@dataclass(frozen=True)
class TablePara:
    """A table: rows of cell texts (a cell's lines apart by \\n); the first row is the header."""

    rows: tuple[tuple[str, ...], ...]


STYLE_TABLE = "表格文字"
STYLE_TABLE_HEADER = "表头文字"
TABLE_SIZE_PT = 14  # 4号
TABLE_RULE = 4  # w:sz in eighths of a point: 0.5 pt


def style_for(text: str, is_heading: bool) -> str:
    """The paragraph style of a line: a heading's style by its numbering, 公文正文 otherwise."""
    rank = numbering_rank(text) if is_heading else None
    return HEADING_STYLES[rank] if rank is not None else STYLE_BODY


def lead_style_for(text: str, is_heading: bool) -> str | None:
    """The character style of a paragraph's run-in heading (“（一）加强领导。……”), if it has one."""
    rank = None if is_heading or "。" not in text else numbering_rank(text)
    return LEAD_STYLES[rank][0] if rank in LEAD_STYLES else None


def paras_from_blocks(blocks: list[Block]) -> list[Para | TablePara]:
    """One Para a block; consecutive table rows make one TablePara."""
    paras: list[Para | TablePara] = []
    for b in blocks:
        if b.cells is not None:
            if paras and isinstance(paras[-1], TablePara):
                paras[-1] = TablePara((*paras[-1].rows, b.cells))
            else:
                paras.append(TablePara((b.cells,)))
            continue
        paras.append(Para(style_for(b.text, b.is_heading), (b.text,), lead_style_for(b.text, b.is_heading)))
    return paras


def title_lines(title: str) -> list[str]:
    """A title too long for one line is broken before 及, 暨 or （ where that gives two lines that each fit,
    the most even such break (GB/T 9704: 回行时词意完整、排列对称); otherwise Word wraps it."""
    if _width(title) <= TITLE_CHARS:
        return [title]
    breaks = [
        i for i, c in enumerate(title) if c in "及暨（" and max(_width(title[:i]), _width(title[i:])) <= TITLE_CHARS
    ]
    if not breaks:
        return [title]
    best = min(breaks, key=lambda i: abs(_width(title[:i]) - _width(title[i:])))
    return [title[:best], title[best:]]


def _width(text: str) -> float:
    """Width in Chinese characters: Latin letters and digits count half."""
    return sum(0.5 if ord(c) < 0x2000 else 1 for c in text)


# Word refuses a file whose property elements are out of the schema's order, so every element this module
# adds goes through _put, which places it by these sequences (ECMA-376 CT_PPrBase and CT_RPr).
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def _put(parent, child, order: tuple[str, ...] | list[str]) -> None:
    """Put child into parent (replacing one of the same name) at its place in the schema's sequence."""
    name = child.tag.split("}")[1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.remove(old)
    successors = order[order.index(name) + 1 :]
    parent.insert_element_before(child, *(f"w:{tag}" for tag in successors))


def _element(tag: str, **attrs: str):
    element = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


# --- Building the document --------------------------------------------------------------------------------


# Characters XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; and
# surrogates (a Python str holds one only unpaired, e.g. from JSON "\ud800"). Typed or pasted into a value,
# they are dropped (fill.js drops the same): Word, LibreOffice and python-docx refuse a file with them.
XML_ILLEGAL_RANGES = ((0x0, 0x8), (0xB, 0xC), (0xE, 0x1F), (0xD800, 0xDFFF), (0xFFFE, 0xFFFF))
XML_ILLEGAL = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in XML_ILLEGAL_RANGES) + "]")
# What JavaScript's String.prototype.trim() removes, so a value is blank or split alike in both places.
JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200B)))
LINE_END = re.compile(r"\r\n|\r|\n")


def xml_text(value: str) -> str:
    """A value without the characters XML cannot hold."""
    return XML_ILLEGAL.sub("", value)


def build_docx(title: str, paras: list[Para | TablePara], values: dict[str, str] | None = None) -> bytes:
    """The .docx bytes: title, a blank line, the paragraphs; fields filled from values where not empty."""
    values = {key: xml_text(value) for key, value in (values or {}).items()}
    document = new_document(title)
    heading = add_paragraph(document, STYLE_TITLE, title_lines(title)[:1])
    for line in title_lines(title)[1:]:
        run = heading.add_run()
        run.add_break()
        run.add_text(line)
    add_paragraph(document, STYLE_BODY, [])  # GB/T 9704: one blank line between title and text
    for para in paras:
        write_para(document, para, values)
    return save(document)


def write_para(document, para: Para | TablePara, values: dict[str, str]) -> None:
    """Write a Para; a multi-line value makes new paragraphs when the field is the whole paragraph,
    line breaks otherwise (the same rule as fill.js)."""
    if isinstance(para, TablePara):
        add_table(document, para.rows)
        return
    only_field = len(para.segments) == 1 and isinstance(para.segments[0], Field)
    if only_field and values.get(para.segments[0].key, "").strip(JS_SPACE):
        for line in _lines(values[para.segments[0].key]):
            add_paragraph(document, para.style, [line])
        return
    add_paragraph(document, para.style, para.segments, values, para.lead)


def add_table(document, rows: tuple[tuple[str, ...], ...]):
    """A table across the 版心 with single rules; the header row repeats on each page."""
    _table_styles(document)
    columns = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    tblpr = table._tbl.tblPr
    for child in list(tblpr):
        if child.tag != qn("w:tblStyle"):
            tblpr.remove(child)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{TABLE_RULE}" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    for xml in (
        f'<w:tblW {nsdecls("w")} w:w="{TEXT_WIDTH}" w:type="dxa"/>',
        f'<w:jc {nsdecls("w")} w:val="center"/>',
        f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>",
        f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>',
    ):
        tblpr.append(parse_xml(xml))
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(_element("tblHeader"))
    for r, row in enumerate(rows):
        for c in range(columns):
            cell = table.cell(r, c)
            lines = (row[c] if c < len(row) else "").split("\n")
            for i, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                paragraph.style = STYLE_TABLE_HEADER if r == 0 else STYLE_TABLE
                if line:
                    paragraph.add_run(line)
    return table


def script_constants() -> dict:
    """What fill.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {
        "W": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "XML_ILLEGAL_RANGES": XML_ILLEGAL_RANGES,
        "PLACEHOLDER": [OPEN, CLOSE],
    }


def _table_styles(document) -> None:
    styles = document.styles
    if STYLE_TABLE in [s.name for s in styles]:
        return
    for name, font in ((STYLE_TABLE, FONT_FANGSONG), (STYLE_TABLE_HEADER, FONT_HEITI)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        _style_common(style, font, TABLE_SIZE_PT)
        fmt = style.paragraph_format
        fmt.first_line_indent = Twips(0)
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if name == STYLE_TABLE_HEADER else WD_ALIGN_PARAGRAPH.LEFT


def _lines(value: str) -> list[str]:
    """Lines end at line feeds and carriage returns only, as in fill.js (not at U+2028 and the like)."""
    lines = [line.strip(JS_SPACE) for line in LINE_END.split(value.strip(JS_SPACE))]
    return [line for line in lines if line] or [""]


def _style_id(document, name: str, kind) -> str | None:
    """A style's id by its name, looked up once per document (python-docx looks it up on every paragraph and run,
    searching the styles part: a third of the time a long document took)."""
    ids = document.__dict__.setdefault("_fwk_style_ids", {})
    if (name, kind) not in ids:
        ids[name, kind] = document.part.get_style_id(name, kind)
    return ids[name, kind]


def add_paragraph(document, style: str, segments, values: dict[str, str] | None = None, lead: str | None = None):
    """A paragraph of text and fields; with lead, the runs up to the first 。 take that character style."""
    paragraph = document.add_paragraph()
    paragraph._p.style = _style_id(document, style, WD_STYLE_TYPE.PARAGRAPH)
    in_lead = lead is not None
    for segment in segments:
        if isinstance(segment, str):
            pieces = [segment]
            if in_lead and "。" in segment:
                end = segment.index("。") + 1
                pieces = [segment[:end], segment[end:]]
            for piece in pieces:
                if piece:
                    _lead(paragraph.add_run(piece), lead if in_lead else None)
                in_lead = in_lead and "。" not in piece
            continue
        value = (values or {}).get(segment.key, "")
        if not value.strip(JS_SPACE):
            run = _lead(paragraph.add_run(placeholder(segment.key)), lead if in_lead else None)
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            continue
        for i, line in enumerate(_lines(value)):
            run = _lead(paragraph.add_run(), lead if in_lead else None)
            if i:
                run.add_break()
            run.add_text(line)
    return paragraph


def _lead(run, style: str | None):
    if style:
        run._r.style = _style_id(run.part.document, style, WD_STYLE_TYPE.CHARACTER)
    return run


def new_document(title: str):
    """An empty document with the GB/T 9704 page, grid, styles, fonts and page-number footers."""
    document = docx.Document(io.BytesIO(_blank_document()))
    props = document.core_properties
    props.title = title
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    props.created = props.modified = datetime.datetime(*FIXED_ZIP_TIME)
    return document


@functools.cache
def _blank_document() -> bytes:
    """The restyled empty document, made once per process: opening python-docx's default template and restyling
    it takes 20 ms, opening this takes 1 ms, and every document starts from the same bytes either way."""
    document = docx.Document()
    _drop_extra_parts(document)
    _set_fonts_table(document)
    _set_settings(document)
    _set_styles(document)
    _set_section(document)
    return save(document)


def save(document) -> bytes:
    """Save with fixed zip timestamps, so the same input always gives the same bytes: python-docx's package writer
    (OpcPackage.save) with our zip writer in place of its own, which stamps each part with the time of day."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _FixedTimeWriter(archive)
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    return out.getvalue()


class _FixedTimeWriter:
    """What python-docx's PackageWriter writes to (PhysPkgWriter's interface), each part with FIXED_ZIP_TIME."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive

    def write(self, pack_uri, blob: bytes) -> None:
        self.archive.writestr(zipfile.ZipInfo(pack_uri.membername, FIXED_ZIP_TIME), blob, zipfile.ZIP_DEFLATED)


def docx_parts(data: bytes) -> dict[str, str]:
    """The parts of a .docx (all XML text), in zip order: what the browser needs to rebuild it."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {info.filename: z.read(info).decode("utf-8") for info in z.infolist()}


# --- Parts ------------------------------------------------------------------------------------------------


def _drop_extra_parts(document) -> None:
    """Keep the package small (it also travels to the browser): no stylesWithEffects, theme, custom XML,
    thumbnail, numbering or web settings from python-docx's default template."""
    keep = {RT.STYLES, RT.SETTINGS, RT.FONT_TABLE}
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype not in keep:
            part.drop_rel(rel_id)
    package = part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)


def _set_fonts_table(document) -> None:
    entries = []
    for name, (alt, family) in FONT_TABLE.items():
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        charset = "00" if name == LATIN_FONT else "86"
        entries.append(
            f'<w:font w:name="{name}">{alt_xml}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    blob = (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:fonts {nsdecls('w')}>{''.join(entries)}</w:fonts>"
    ).encode()
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            part.drop_rel(rel_id)
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
    part.relate_to(Part(PackURI("/word/fontTable.xml"), content_type, blob, part.package), RT.FONT_TABLE)


def _set_settings(document) -> None:
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    element = settings.element
    for tag in ("w:savePreviewPicture", "w:rsids", "w:proofState", "w:attachedTemplate"):
        for node in element.findall(qn(tag)):
            element.remove(node)
    # 28 characters a line: no compression of punctuation.
    spacing = element.find(qn("w:characterSpacingControl"))
    if spacing is not None:
        spacing.set(qn("w:val"), "doNotCompress")
    lang = element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _rfonts(east_asia: str, latin: str = LATIN_FONT):
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    return fonts


def _set_run_fonts(rpr, east_asia: str) -> None:
    _put(rpr, _rfonts(east_asia), RPR_ORDER)


def _set_styles(document) -> None:
    styles = document.styles
    root = styles.element
    # Only the styles this document uses: Word shows a short, clear list, and the part stays small.
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in ("Normal", "DefaultParagraphFont"):
            root.remove(style)
    defaults = root.find(qn("w:docDefaults"))
    defaults.getparent().remove(defaults)
    root.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}" w:eastAsia="{FONT_FANGSONG}"/>'
            f'<w:kern w:val="2"/><w:sz w:val="{BODY_SIZE_PT * 2}"/><w:szCs w:val="{BODY_SIZE_PT * 2}"/>'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    normal = styles["Normal"]
    _style_common(normal, FONT_FANGSONG, BODY_SIZE_PT)
    ppr = normal.element.get_or_add_pPr()
    # Lines stay on the grid: no widow/orphan control (it would leave 21-line pages) and no extra space
    # between Chinese and Latin letters or digits (it would push characters off the 28-a-line grid).
    for tag in ("widowControl", "autoSpaceDE", "autoSpaceDN"):
        _put(ppr, _element(tag, val="0"), PPR_ORDER)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing = Twips(LINE_PITCH)  # exactly one grid line: 22 lines a page whatever the font
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = fmt.space_after = Twips(0)
    _put(normal.element.get_or_add_rPr(), _element("spacing", val=str(CONDENSE)), RPR_ORDER)
    _no_snap(normal)

    for name, (font, size, outline) in STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _style_common(style, font, size)
        fmt = style.paragraph_format
        if name == STYLE_TITLE:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.first_line_indent = Twips(0)
        else:
            _indent_chars(style.element.get_or_add_pPr(), 200, FIRST_LINE_INDENT)
        if outline is not None:
            fmt.keep_with_next = True
            _put(style.element.get_or_add_pPr(), _element("outlineLvl", val=str(outline)), PPR_ORDER)
    for name in STYLES:
        styles[name].next_paragraph_style = styles[STYLE_BODY]
    for name, font in LEAD_STYLES.values():
        lead = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        lead.quick_style = True
        _set_run_fonts(lead.element.get_or_add_rPr(), font)

    footer = styles.add_style("页码", WD_STYLE_TYPE.PARAGRAPH)
    footer.base_style = normal
    _style_common(footer, FONT_SONGTI, PAGE_NUMBER_SIZE_PT)
    fmt = footer.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(PAGE_NUMBER_SIZE_PT)


def _no_snap(style) -> None:
    _put(style.element.get_or_add_pPr(), _element("snapToGrid", val="0"), PPR_ORDER)


def _style_common(style, east_asia: str, size: int) -> None:
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    _set_run_fonts(rpr, east_asia)
    _put(rpr, _element("szCs", val=str(size * 2)), RPR_ORDER)


def _indent_chars(ppr, hundredths: int, twips: int) -> None:
    """First-line indent in character units (Word, WPS) with the same indent in twips for other readers."""
    _put(ppr, _element("ind", firstLine=str(twips), firstLineChars=str(hundredths)), PPR_ORDER)


def _set_section(document) -> None:
    section = document.sections[0]
    section.page_width = Twips(PAGE_WIDTH)
    section.page_height = Twips(PAGE_HEIGHT)
    section.top_margin = Twips(MARGIN_TOP)
    section.bottom_margin = Twips(MARGIN_BOTTOM)
    section.left_margin = Twips(MARGIN_LEFT)
    section.right_margin = Twips(MARGIN_RIGHT)
    section.header_distance = Twips(851)  # 15 mm; no header text
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    for attr in ("w:rsidR", "w:rsidRPr", "w:rsidSect"):
        sect.attrib.pop(qn(attr), None)
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _page_number(paragraph, odd: bool) -> None:
    """“— N —”: odd pages right-aligned one character in from the right, even pages from the left."""
    paragraph.style = "页码"
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = Twips(PAGE_NUMBER_INDENT)
    else:
        fmt.left_indent = Twips(PAGE_NUMBER_INDENT)
    dash = paragraph.add_run(EM_DASH)
    _put(dash._r.get_or_add_rPr(), _hint_east_asia(), RPR_ORDER)
    paragraph.add_run(" ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    paragraph.add_run(" ")
    dash = paragraph.add_run(EM_DASH)
    _put(dash._r.get_or_add_rPr(), _hint_east_asia(), RPR_ORDER)


def _hint_east_asia():
    """Ask for the East Asian font for the 一字线, so it is the full-width dash of 宋体, not a Latin one."""
    fonts = _rfonts(FONT_SONGTI)
    fonts.set(qn("w:hint"), "eastAsia")
    return fonts
