"""Word files built for the importer's tests: each one carries one trap that naive extraction falls into.

`package()` writes a minimal but complete .docx from raw WordprocessingML (what Word and WPS write), so a
test controls exactly the XML it traps; the helpers below give the pieces (numbered paragraphs, text boxes
stored twice, footnotes, tracked changes, WPS footers with a page number in a text box).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from macros.word.read import MAX_DEPTH, MAX_SPAN

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def p(
    text: str = "", *, num: tuple[int, int] | None = None, style: str | None = None, center: bool = False, raw: str = ""
) -> str:
    """A paragraph: text in one run, optionally in list num=(numId, ilvl), a style, centred, extra raw runs."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if center:
        ppr += '<w:jc w:val="center"/>'
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run}{raw}</w:p>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def textbox(*paragraphs: str) -> str:
    """A run holding a floating text box the way Word 2010+ saves it: a wps copy and a VML fallback copy."""
    content = "".join(paragraphs)
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="1" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5000000" cy="800000"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="文本框 1" type="#_x0000_t202" style="position:absolute;width:400pt;height:60pt">'
        f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def image_run(rel_id: str = "rIdImg1") -> str:
    """An inline picture (the image part itself is added by package(images=…))."""
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="900000" cy="600000"/>'
        '<wp:docPr id="7" name="图片 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="7" name="photo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="900000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def footnote_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>{cells}</w:tbl>'


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}<w:lvlJc w:val="left"/></w:lvl>'
    )


# The outline of a 公文: 一、 （一） 1. （1）, each level restarting under the one above.
GONGWEN_LEVELS = (
    level(0, "chineseCounting", "%1、")
    + level(1, "chineseCounting", "（%2）")
    + level(2, "decimal", "%3.")
    + level(3, "decimal", "（%4）")
)


def numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> str:
    """numbering.xml: abstract id -> its w:lvl elements; num id -> (abstract id, raw lvlOverride XML)."""
    body = "".join(f'<w:abstractNum w:abstractNumId="{a}">{levels}</w:abstractNum>' for a, levels in abstracts.items())
    body += "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{over}</w:num>' for n, (a, over) in nums.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>{body}</w:numbering>'


def footnotes(notes: dict[int, str]) -> str:
    sep = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    )
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + text)}</w:p></w:footnote>'
        for i, text in notes.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}>{sep}{body}</w:footnotes>'


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="44"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListHeading"><w:name w:val="列表标题"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    "</w:styles>"
)


def wps_footer(text: str) -> str:
    """A footer as WPS writes it: the page number in a text box (a framed shape), not in the footer's text."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}>{p(raw=textbox(p(text)))}</w:ftr>'


def package(
    body: str,
    *,
    numbering_xml: str | None = None,
    footnotes_xml: str | None = None,
    footers: dict[str, str] | None = None,
    images: int = 0,
    sect: str = "",
) -> bytes:
    """A .docx from the body's XML and the optional parts; footers: 'default'/'even'/'first' -> footer XML."""
    parts: dict[str, str | bytes] = {}
    rels = [("rIdStyles", "styles", "styles.xml")]
    overrides = [
        ("/word/document.xml", f"{_CT_MAIN}.document.main+xml"),
        ("/word/styles.xml", f"{_CT_MAIN}.styles+xml"),
    ]
    parts["word/styles.xml"] = STYLES
    if numbering_xml:
        parts["word/numbering.xml"] = numbering_xml
        rels.append(("rIdNum", "numbering", "numbering.xml"))
        overrides.append(("/word/numbering.xml", f"{_CT_MAIN}.numbering+xml"))
    if footnotes_xml:
        parts["word/footnotes.xml"] = footnotes_xml
        rels.append(("rIdFn", "footnotes", "footnotes.xml"))
        overrides.append(("/word/footnotes.xml", f"{_CT_MAIN}.footnotes+xml"))
    refs = ""
    for kind, xml in (footers or {}).items():
        parts[f"word/footer-{kind}.xml"] = xml
        rels.append((f"rIdFtr{kind}", "footer", f"footer-{kind}.xml"))
        overrides.append((f"/word/footer-{kind}.xml", f"{_CT_MAIN}.footer+xml"))
        refs += f'<w:footerReference w:type="{kind}" r:id="rIdFtr{kind}"/>'
    for i in range(1, images + 1):
        # The smallest valid PNG: one transparent pixel.
        parts[f"word/media/image{i}.png"] = bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d4944415478da63fcffff3f0300050001ffa5f3b2a90000000049454e44ae426082"
        )
        rels.append((f"rIdImg{i}", "image", f"media/image{i}.png"))
    settings = "<w:evenAndOddHeaders/>" if footers and "even" in footers else ""
    parts["word/settings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {NS}>{settings}</w:settings>'
    )
    rels.append(("rIdSettings", "settings", "settings.xml"))
    overrides.append(("/word/settings.xml", f"{_CT_MAIN}.settings+xml"))
    parts["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}'
        f'<w:sectPr>{refs}<w:pgSz w:w="11906" w:h="16838"/>{sect}</w:sectPr></w:body></w:document>'
    )
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{target}"/>' for i, t, target in rels)
        + "</Relationships>"
    )
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in overrides)
        + "</Types>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (CFB v3) with the given streams, each padded to 4096 bytes so it needs no
    mini stream: what Word writes for a password-protected .docx (EncryptionInfo + EncryptedPackage)."""
    sector = 512
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sect, end]
    entries = [("Root Entry", 5, end, 0, nostream, nostream, 1)]
    data = b""
    names = list(streams)
    for i, name in enumerate(names):
        body = streams[name].ljust(4096, b"\0")
        first = len(fat)
        count = len(body) // sector
        fat.extend(list(range(first + 1, first + count)) + [end])
        data += body
        right = i + 2 if i + 1 < len(names) else nostream
        entries.append((name, 2, first, len(body), nostream, right, nostream))
    fat += [free] * (sector // 4 - len(fat))
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)
    struct.pack_into("<108I", header, 80, *([free] * 108))
    directory = b""
    for name, kind, start, size, left, right, child in entries:
        raw = name.encode("utf-16-le") + b"\0\0"
        entry = bytearray(128)
        entry[: len(raw)] = raw
        struct.pack_into("<HBBIII", entry, 64, len(raw), kind, 1, left, right, child)
        struct.pack_into("<II", entry, 116, start, size)
        directory += entry
    directory = directory.ljust(sector, b"\0")
    return bytes(header) + struct.pack(f"<{sector // 4}I", *fat) + directory + data


def encrypted_docx() -> bytes:
    """What Word saves for a .docx with an open password: an OLE file with EncryptionInfo and EncryptedPackage."""
    return cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": b"\x99" * 5000})


RESTART = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
TRACKED = (
    p(
        "目标",
        raw='<w:ins w:id="1" w:author="甲"><w:r><w:t>全面</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="甲"><w:r><w:delText>基本</w:delText></w:r></w:del>' + run("完成。"),
    )
    + '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="甲"/></w:rPr></w:pPr>'
    + run("被删了段落标记的段")
    + "</w:p>"
    + p("与它合并。")
)
# One package per trap a reader of Word files can fall into (the checker's and the importer's twins read them).
READER_TRAPS = {
    "numbering": package(
        p("总体要求", num=(1, 0))
        + p("经济运行", num=(1, 1))
        + p("工业", num=(1, 2))
        + p("一季度", num=(1, 3))
        + p("二季度", num=(1, 3))
        + p("社会事业", num=(1, 1))
        + p("没有编号。")
        + p("主要做法", num=(1, 0))
        + p("另起一个列表", num=(2, 0))
        + p("回到原来的列表", num=(1, 0))
        + p("编号来自段落样式", style="ListHeading"),
        numbering_xml=numbering({1: GONGWEN_LEVELS}, {1: (1, ""), 2: (1, RESTART)}),
    ),
    "table, text box, footnote": package(
        p(raw=textbox(p("某某县人民政府文件"), p("某政发〔2024〕1号")))
        + table([["项目", "金额"], ["道路", "10"]])
        + p("全年增长5%", raw=footnote_ref(1) + run("，好于预期。")),
        footnotes_xml=footnotes({1: "按可比价格计算。"}),
    ),
    "hidden text, fields, breaks": package(
        p(
            "日期：",
            raw="<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024年1月</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        )
        + p("\u3000\u3000缩进", raw="<w:r><w:br/><w:t>第二行</w:t><w:tab/><w:t>制表</w:t></w:r>")
    ),
    "tracked changes": package(TRACKED),
}


LIST = numbering({1: level(0, "decimal", "%1.")}, {1: (1, "")})


def listed(*paragraphs: str, lists: str = LIST) -> bytes:
    return package("".join(paragraphs), numbering_xml=lists)


def nested(tag: str, depth: int, inner: str) -> str:
    return f"<w:{tag}>" * depth + inner + f"</w:{tag}>" * depth


# Files that once stopped a batch, hung or grew without bound (tests/test_hostile_files.py): read as Word shows them
HOSTILE_READ = {
    # numbering a reader could not count: the paragraph is read, without a number
    "ilvl is not a number": listed(
        p("甲", raw="").replace(
            "<w:p>", '<w:p><w:pPr><w:numPr><w:ilvl w:val="abc"/><w:numId w:val="1"/></w:numPr></w:pPr>', 1
        )
    ),
    "ilvl of 10 or more": listed(
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="12"/><w:numId w:val="1"/></w:numPr></w:pPr>' + run("乙") + "</w:p>"
    ),
    "a level defined at 10": listed(
        p("丙", num=(1, 0)),
        lists=numbering({1: level(0, "decimal", "%1.") + level(10, "decimal", "%11.")}, {1: (1, "")}),
    ),
    "gridSpan of the widest table": package(
        table([["甲", "乙"]]).replace("<w:tc>", f'<w:tc><w:tcPr><w:gridSpan w:val="{MAX_SPAN}"/></w:tcPr>', 1)
    ),
    "a number that is not one": listed(
        p("丁", num=(1, 0)), lists=numbering({1: level(0, "decimal", "%1.", start="1_0")}, {1: (1, "")})
    ),
}
# and refused within the reader's budgets, with words the one-line refusal holds.
HOSTILE_REFUSED = {
    # (file, words the one line must hold)
    "negative start, ideographDigital": (
        listed(p("甲", num=(1, 0)), lists=numbering({1: level(0, "ideographDigital", "%1、", start=-3)}, {1: (1, "")})),
        "编号",
    ),
    "negative start, decimalFullWidth": (
        listed(p("甲", num=(1, 0)), lists=numbering({1: level(0, "decimalFullWidth", "%1.", start=-1)}, {1: (1, "")})),
        "编号",
    ),
    "start of 300,000,000 in letters": (
        listed(
            p("甲", num=(1, 0)), lists=numbering({1: level(0, "upperLetter", "%1.", start=300000000)}, {1: (1, "")})
        ),
        "32767",
    ),
    "a label that grows without end": (
        listed(p("甲", num=(1, 0)), lists=numbering({1: level(0, "upperLetter", "%1" * 30, start=500)}, {1: (1, "")})),
        "不像是编号",
    ),
    "gridSpan of 50,000,000": (
        package(table([["甲", "乙"]]).replace("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="50000000"/></w:tcPr>', 1)),
        "最多 63 列",
    ),
    "gridSpan of 3,000,000": (
        package(table([["甲"]]).replace("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="3000000"/></w:tcPr>', 1)),
        "第 1 个表格",
    ),
    "1,500 nested content controls": (package(nested("sdt", 1500, p("深"))), f"超过 {MAX_DEPTH} 层"),
    "700 nested hyperlinks": (package(f"<w:p>{nested('hyperlink', 700, run('深'))}</w:p>"), f"超过 {MAX_DEPTH} 层"),
    "nesting in a table's rows": (
        package(f"<w:tbl>{nested('sdt', 300, '<w:tr><w:tc>' + p('格') + '</w:tc></w:tr>')}</w:tbl>"),
        "层",
    ),
}


# ---------------------------------------------------------------- generated packages (tests/twins, tests/test_hostile_files.py)

# Generated packages are lists of fragments drawn from a pool made once with a fixed seed: Hypothesis then draws a
# handful of indexes per package instead of every character (a package costs about 0.5 ms to draw, not 3.5 ms).
ALPHABET = "一二三四五六七八九十甲乙abc ，。、；：,.;:（）()“”《》\t\u3000𠀀&<>'\"①"
FORMATS = ("decimal", "chineseCounting", "ideographDigital", "decimalEnclosedCircle", "upperLetter", "lowerRoman")
FORMATS += ("bullet", "none", "decimalFullWidth", "chineseLegalSimplified", "decimalZero", "ideographTraditional")
LEVEL_TEXTS = ("%1.", "（%1）", "%1.%2", "第%1章", "%1、%2、%3", "")


def make_pool(seed: int = 21) -> tuple[list[str], list[str]]:
    """(body fragments: paragraphs and tables, numbering definitions) covering what the reader handles."""
    rng = random.Random(seed)

    def text() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8)))

    def a_run() -> str:
        kind = rng.choice(["text", "text", "tab", "br", "hidden", "ins", "del", "sym", "note", "box", "hyper"])
        return {
            "text": lambda: run(text()),
            "tab": lambda: "<w:r><w:tab/></w:r>",
            "br": lambda: "<w:r><w:br/></w:r>",
            "hidden": lambda: f'<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">{escape(text())}</w:t></w:r>',
            "ins": lambda: f'<w:ins w:id="1" w:author="甲">{run(text())}</w:ins>',
            "del": lambda: f'<w:del w:id="2" w:author="甲"><w:r><w:delText>{escape(text())}</w:delText></w:r></w:del>',
            "sym": lambda: (
                f'<w:r><w:sym w:font="Wingdings" w:char="{rng.choice(["F06C", "4E00", "0041", "zz"])}"/></w:r>'
            ),
            "note": lambda: footnote_ref(rng.randint(1, 3)),
            "box": lambda: textbox(p(text())),
            "hyper": lambda: f'<w:hyperlink w:anchor="a">{run(text())}</w:hyperlink>',
        }[kind]()

    def a_paragraph() -> str:
        num = rng.choice([None, None, (rng.randint(1, 3), rng.choice([0, 1, 2, 3, 4, 9, 12, -1, "abc", " 2 "]))])
        style = rng.choice([None, None, "Title", "Heading1", "ListHeading", "Missing"])
        para = p(text(), num=num, style=style, raw="".join(a_run() for _ in range(rng.randint(0, 4))))
        if rng.random() < 0.2:
            para = f"<w:sdt><w:sdtContent>{para}</w:sdtContent></w:sdt>"
        if rng.random() < 0.03:  # deep nesting, within the budget or beyond it
            depth = rng.choice([40, 99, 101, 150])
            para = "<w:sdt>" * depth + para + "</w:sdt>" * depth
        if rng.random() < 0.1:
            para = f'<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="甲"/></w:rPr></w:pPr>{run(text())}</w:p>' + para
        return para

    def a_table() -> str:
        rows = [[text() for _ in range(rng.randint(1, 3))] for _ in range(rng.randint(1, 3))]
        xml = table(rows)
        if rng.random() < 0.5:
            span = rng.choice(["2", "2", "3", "0", "-4", "63", "64", "3000000", "x"])
            xml = xml.replace("<w:tc>", f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>', 1)
        if rng.random() < 0.1:  # a table in a cell: its rows become lines of the cell
            xml = xml.replace("</w:tc>", table([[text(), text()], [text()]]) + "<w:p/></w:tc>", 1)
        if rng.random() < 0.5:
            xml = xml.replace("<w:tc>", "<w:tc><w:tcPr><w:vMerge/></w:tcPr>", 1)
        return xml

    body = [a_table() if rng.random() < 0.25 else a_paragraph() for _ in range(400)]
    starts = [*range(0, 31), -1, 32767, 32768, 300000000, "1_0", "x"]  # the last few beyond Word's or no number
    lists = [
        "".join(
            level(
                rng.choice([i, i, i, 9, 10, -1]),
                rng.choice(FORMATS),
                rng.choice([*LEVEL_TEXTS, "%1" * 30]),
                start=rng.choice(starts) if rng.random() < 0.2 else rng.randint(0, 30),
            )
            for i in range(3)
        )
        for _ in range(40)
    ]
    return body, lists


BODY, LISTS = make_pool()


@st.composite
def generated_packages(draw) -> bytes:
    """A Word package of fragments from the pool (Hypothesis strategy)."""
    return package(
        "".join(draw(st.lists(st.sampled_from(BODY), min_size=1, max_size=8))),
        numbering_xml=numbering(
            {1: GONGWEN_LEVELS, 2: draw(st.sampled_from(LISTS))},
            {1: (1, ""), 2: (2, ""), 3: (1, RESTART if draw(st.booleans()) else "")},
        ),
        footnotes_xml=footnotes({1: "注一", 2: "注二"}) if draw(st.booleans()) else None,
    )
