"""Small OFD files (GB/T 33190) made from known text, laid out as an OFD writer lays out a 公文: A4, 28 characters a
line, 22 lines a page, first lines indented two characters, lines broken where a word processor may break them; a
page number under each page, a running header in each page's content and another on a template page."""

from __future__ import annotations

import io
import zipfile

NS = "http://www.ofdspec.org/2016"
SIZE = 5.6  # mm: 三号, 16 pt
TITLE_SIZE = 7.7  # 二号
LEFT, TOP, CHARS, LINES, PITCH = 28.0, 37.0, 28, 22, 10.2
OPENING = "“‘（《【〔([<"
CLOSING = "，。、；：？！”’）》】〕…,.;:!?)]>%％"


def _width(char: str) -> float:
    return SIZE if ord(char) > 0x2E80 else SIZE / 2


def wrap(text: str, first_indent: int = 2) -> list[str]:
    """Lines as a word processor breaks them: not inside a Latin word or number, never a closing mark at a line's
    start nor an opening mark at its end."""
    lines, line, room = [], "", (CHARS - first_indent) * SIZE
    i = 0
    while i < len(text):
        j = i + 1
        if text[i].isascii() and text[i].isalnum():  # a word or number is one piece
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in ".%"):
                j += 1
        while j < len(text) and text[j] in CLOSING:  # with the marks that may not start a line
            j += 1
        piece = text[i:j]
        if line and sum(map(_width, line + piece)) > room + 0.01:
            while line and line[-1] in OPENING:
                piece, line = line[-1] + piece, line[:-1]
            lines.append(line)
            line, room = "", CHARS * SIZE
        line += piece
        i = j
    lines.append(line)
    return lines


def _text_object(ident: int, x: float, baseline: float, text: str, size: float = SIZE) -> str:
    advances = [_width(c) * size / SIZE for c in text[:-1]]
    delta = (
        f"g {len(advances)} {size}" if advances and all(a == size for a in advances) else " ".join(map(str, advances))
    )
    width = sum(advances) + size
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{x:.2f} {baseline - size:.2f} {width:.2f} {size * 1.2:.2f}" '
        f'Font="1" Size="{size}"><ofd:TextCode X="0" Y="{size}"'
        + (f' DeltaX="{delta}"' if advances else "")
        + f">{_escape(text)}</ofd:TextCode></ofd:TextObject>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def layout(title: str, paragraphs: list[str]) -> list[list[str]]:
    """The pages' TextObjects."""
    pages: list[list[str]] = [[]]
    ident = 100
    halves = [title] if len(title) <= 18 else [title[: (len(title) + 1) // 2], title[(len(title) + 1) // 2 :]]
    for n, part in enumerate(halves):  # a long title in two centred lines
        ident += 1
        width = sum(_width(c) for c in part) * TITLE_SIZE / SIZE
        pages[0].append(_text_object(ident, 105 - width / 2, TOP + TITLE_SIZE + n * 13, part, TITLE_SIZE))
    row = 1 + len(halves)
    for paragraph in paragraphs:
        for n, line in enumerate(wrap(paragraph)):
            if row == LINES:
                pages.append([])
                row = 0
            ident += 1
            x = LEFT + (2 * SIZE if n == 0 else 0)
            baseline = TOP + row * PITCH + SIZE
            if len(line) > 6 and ident % 3 == 0:  # some lines as two objects, as some writers store them
                pages[-1].append(_text_object(ident, x, baseline, line[:4]))
                x += sum(map(_width, line[:4]))
                line = line[4:]
                ident += 1
            pages[-1].append(_text_object(ident, x, baseline, line))
            row += 1
    for number, page in enumerate(pages, start=1):
        page.append(_text_object(9000 + number, 150, 24, "内部资料 注意保存"))  # a running header
        label = f"— {number} —"
        page.append(_text_object(9500 + number, 105 - len(label) * SIZE / 4, 275, label))
    return pages


def make_ofd(title: str, paragraphs: list[str]) -> bytes:
    pages = layout(title, paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        listed = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        package.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            "<ofd:MaxUnitID>10000</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="2" '
            'BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
            f"<ofd:Pages>{listed}</ofd:Pages></ofd:Document>",
        )
        package.writestr(
            "Doc_0/PublicRes.xml",
            f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="仿宋_GB2312"/>'
            "</ofd:Fonts></ofd:Res>",
        )
        package.writestr(
            "Doc_0/Tpls/Tpl_0/Content.xml",
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="3">'
            + _text_object(3, 28, 20, "模板页上的页眉，不是正文")
            + "</ofd:Layer></ofd:Content></ofd:Page>",
        )
        for n, objects in enumerate(pages):
            package.writestr(
                f"Doc_0/Pages/Page_{n}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Template TemplateID="2"/>'
                f'<ofd:Content><ofd:Layer ID="{50 + n}"><ofd:PageBlock ID="{60 + n}">'
                + "".join(objects)
                + "</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>",
            )
    return out.getvalue()
