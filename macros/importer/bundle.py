"""投稿包: a .zip a colleague downloads from the site's 投稿 page (docs/tougao/, docs/assets/tougao.js), holding the
original file and the metadata they chose from the vocabulary. The importer takes such a bundle as it takes a file,
with its metadata as confirmed (no 待确认), after checking it as a sample's metadata is checked.

The bundle holds two members with ASCII names, whatever the names of the files (zip tools disagree on how to
encode others): META, the metadata as YAML (the page writes each value as a JSON string, which is YAML), and the
original as ORIGINAL plus its suffix; its own name is in the metadata (文件名). The page takes the names, the
format's label and the keys from here (macros/pages/contribute.py), never retyped.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePath

from macros.sources.catalog import Term, names
from macros.sources.errors import ReadError, SourceError
from macros.sources.schema import Key, Schema
from macros.sources.site_map import FACETS
from macros.sources.yaml_source import parse_yaml, text_list, text_value
from macros.word.read import MAX_PART_BYTES

SUFFIX = ".zip"
META = "tougao.yml"
ORIGINAL = "yuanwen"
FORMAT = "范文库投稿 1"
MAX_META_BYTES = 64 * 1024
SCHEMA = Schema(
    "投稿包的元数据",
    "README.md（投稿）",
    (
        Key("格式", "一行文字", True, f"“{FORMAT}”"),
        Key("文件名", "一行文字", True, "原文件的名字"),
        Key("标题", "一行文字", True, "文稿的标题"),
        Key("行业", "一项或几项", True, "vocab.yml 里的行业名称"),
        Key("文种", "一项", True, "vocab.yml 里的一个文种名称"),
        Key("层级", "一项", True, "vocab.yml 里的一个层级名称"),
        Key("地区", "一行文字", False, "能看出来时写"),
        Key("年代", "一行文字", False, "能看出来时写，如“2020年”"),
    ),
)
FIELDS = ("标题", "行业", "文种", "层级", "地区", "年代")  # what the page asks for, in its order


class BundleError(ReadError):
    """A bundle that cannot be imported: not one, damaged, or its metadata wrong."""


@dataclass
class Bundle:
    name: str  # the original file's name
    data: bytes
    metadata: dict[str, str | list[str] | None]  # FIELDS -> the confirmed values


def read_bundle(path: Path, vocab: dict[str, list[Term]], allowed: set[str]) -> Bundle:
    """The bundle at path, its metadata checked against vocab; `allowed`: the suffixes the original may have."""
    fix_page = "在网站的“投稿”页重新填写、下载投稿包。"
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise BundleError(path, "投稿包（.zip）不完整或已损坏，打不开。", fix_page) from None
    with archive:
        members = {info.filename: info for info in archive.infolist()}
        originals = [name for name in members if name.startswith(f"{ORIGINAL}.")]
        if META not in members or len(originals) != 1 or len(members) != 2:
            raise BundleError(
                path,
                f"这个 .zip 不是范文库的投稿包（应当只有 {META} 和一个 {ORIGINAL}.* 文件）。",
                "把 zip 里的文稿解压出来再导入；投稿包在网站的“投稿”页生成。",
            )
        info = members[originals[0]]
        if members[META].file_size > MAX_META_BYTES or info.file_size > MAX_PART_BYTES:
            raise BundleError(
                path, f"投稿包里的文件解压后超过 {MAX_PART_BYTES // 2**20} MB，不像是一篇文稿。", "确认选对了文件。"
            )
        try:
            meta_text = archive.read(META).decode("utf-8")
            data = archive.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, UnicodeDecodeError):
            raise BundleError(path, "投稿包（.zip）不完整或已损坏，读不出来。", fix_page) from None
    where = f"{path}!{META}"
    try:
        metadata = check_metadata(parse_yaml(meta_text, where), where, vocab)
    except SourceError as error:
        raise BundleError(path, f"投稿包里的元数据有错（{error.where}）：{error.problem}", error.fix) from None
    name = PurePath(metadata.pop("文件名")).name
    suffix = PurePath(originals[0]).suffix.lower()
    if PurePath(name).suffix.lower() != suffix or suffix not in allowed:
        raise BundleError(path, f"投稿包里的原文件“{name}”不是能导入的文件。", fix_page)
    return Bundle(name, data, metadata)


def check_metadata(meta, where: str, vocab: dict[str, list[Term]]) -> dict:
    """The values of a bundle's metadata, checked as a sample's are: the keys, their kinds and the vocabulary."""
    meta = SCHEMA.check(meta, where, 1)
    if text_value(meta, "格式", where, one_line=True) != FORMAT:
        raise SourceError(
            where, meta.line_of("格式"), "不是这个版本的范文库生成的投稿包。", "在网站的“投稿”页重新生成。"
        )
    values: dict = {"文件名": text_value(meta, "文件名", where, one_line=True)}
    values["标题"] = text_value(meta, "标题", where, one_line=True)
    for facet in FACETS:
        chosen = text_list(meta, facet, where, single=facet != "行业")
        allowed = names(vocab, facet)
        for value in chosen:
            if value not in allowed:
                raise SourceError(
                    where,
                    meta.line_of(facet),
                    f"“{facet}”的值“{value}”不在词表里。",
                    f"改成其中之一：{'、'.join(allowed)}。",
                )
        values[facet] = chosen if facet == "行业" else chosen[0]
    for key in ("地区", "年代"):
        values[key] = text_value(meta, key, where, required=False, one_line=True)
    return values


def page_settings() -> dict:
    """What the 投稿 page's script writes, from here: the member names, the format's label and the keys."""
    return {"meta": META, "original": ORIGINAL, "format": FORMAT, "fields": list(FIELDS)}


def is_bundle(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX


def bundle_bytes(metadata: dict, name: str, data: bytes) -> bytes:
    """A bundle as the page makes it (for tests and for whoever builds bundles by script)."""
    import json

    lines = [f"格式: {json.dumps(FORMAT, ensure_ascii=False)}", f"文件名: {json.dumps(name, ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(metadata[key], ensure_ascii=False)}" for key in FIELDS if metadata.get(key)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(META, "\n".join(lines) + "\n")
        archive.writestr(f"{ORIGINAL}{PurePath(name).suffix.lower()}", data)
    return out.getvalue()
