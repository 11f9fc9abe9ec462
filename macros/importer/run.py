"""scripts/import: import a batch of files into a samples folder: one line per file, a summary, an exit code.

    scripts/import PATH... [--into DIR] [--dry-run] [--accept-revisions]

Exit codes: 0 when every document was imported (or was already there), 1 when some failed (the others are
still imported: each file is its own transaction), 2 on a usage error (a path that does not exist, a --into that is
a file or among the project's sources, nothing to import), 130 when interrupted with Ctrl-C (the file in hand is
written whole or not at all).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from macros.command_line import CommandParser
from macros.documents.layout import rebuild
from macros.documents.ofd import read_ofd
from macros.documents.pdf import read_pdf
from macros.importer.bundle import SUFFIX as BUNDLE
from macros.importer.bundle import BundleError, is_bundle, read_bundle
from macros.importer.convert import CONVERTIBLE, convert_to_docx
from macros.importer.extract import Draft, from_blocks, from_docx, from_text
from macros.importer.guess import Guess, guess_metadata
from macros.importer.index import Entry, ImportIndex, paragraph_keys, slug_for, text_key
from macros.importer.writer import render_meta, render_text, write_document
from macros.progress import Progress
from macros.sources.catalog import names
from macros.sources.decode import MAX_TEXT_BYTES, decode
from macros.sources.errors import ReadError, SourceError
from macros.sources.library import PROJECT, load_library
from macros.sources.places import real, refusal, within
from macros.sources.site_map import FACETS
from macros.word.read import MAX_PART_BYTES, read_docx

LAID_OUT = {".pdf": read_pdf, ".ofd": read_ofd}  # fixed-layout files: lines on pages, paragraphs rebuilt
DOCUMENTS = {".docx", ".txt", *LAID_OUT, *CONVERTIBLE}
SUPPORTED = {*DOCUMENTS, BUNDLE}  # and the 投稿 page's bundles, which hold one document each
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImportFailure(ReadError):
    """A document that cannot become a sample (no text, too large, …) or could not be written."""


@dataclass
class Result:
    path: Path
    status: str  # imported / duplicate / failed
    slug: str = ""
    message: str = ""
    pending: list[str] = field(default_factory=list)
    near: str = ""


@dataclass
class Batch:
    results: list[Result] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


def collect(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to import (given files as they are, folders walked recursively) and the files skipped in folders:
    those not documents, hidden files and Office's ~$ lock files, and links that lead outside the folder given
    (a link to the system's password file must not become a sample that the site publishes)."""
    files: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        top = real(path)
        for found in _walk(path, top):
            parts = found.relative_to(path).parts
            hidden = any(part.startswith(".") for part in parts) or found.name.startswith("~$")
            outside = found.is_symlink() and not within(real(found), top)
            ok = not hidden and not outside and found.suffix.lower() in SUPPORTED
            (files if ok else skipped).append(found)
    return list(dict.fromkeys(files)), skipped


def _walk(folder: Path, top: Path) -> list[Path]:
    """Every file under folder, sorted; a linked folder is walked only when it leads to a folder inside top."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            if not entry.is_symlink() or within(real(entry), top):
                found += _walk(entry, top)
        elif entry.is_file() or entry.is_symlink():
            found.append(entry)
    return found


def _needs_conversion(path: Path) -> bool:
    if path.suffix.lower() in CONVERTIBLE:
        return True
    if path.suffix.lower() != ".docx":
        return False
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_OLE)) != _OLE:
                return False
            data = handle.read(MAX_PART_BYTES)
    except OSError:
        return False
    # An old .doc saved under a .docx name; a password-protected .docx is an OLE file too, with EncryptionInfo
    # (its directory may sit anywhere in the file, so the whole file is searched).
    return "EncryptionInfo".encode("utf-16-le") not in data


@dataclass
class Source:
    """A file to import: `path` as the user named it; `real`, the file read (a bundle's document, unpacked);
    `confirmed`, a bundle's metadata; `error`, why a bundle cannot be imported."""

    path: Path
    real: Path
    name: str  # the document's own file name (for 来源 and a title from the file name)
    confirmed: dict | None = None
    error: ReadError | None = None


def unpack(path: Path, folder: Path, number: int, vocab) -> Source:
    """A file as it is, or a bundle's document written into folder (a numbered name: names may clash)."""
    if not is_bundle(path):
        return Source(path, path, path.name)
    try:
        bundle = read_bundle(path, vocab, DOCUMENTS)
    except BundleError as error:
        return Source(path, path, path.name, error=error)
    real = folder / f"{number}{Path(bundle.name).suffix.lower()}"
    real.write_bytes(bundle.data)
    return Source(path, real, bundle.name, bundle.metadata)


def read_document(path: Path, accept_revisions: bool, converted: dict, shown: Path | None = None) -> Draft:
    """A draft of one file, or a ReadError saying what is wrong with it; `shown` names it in messages (a bundle's
    document is read from where it was unpacked)."""
    real, path = path, shown or path
    suffix = real.suffix.lower()
    if suffix not in DOCUMENTS:
        raise ImportFailure(
            path,
            f"不支持 {suffix or '无扩展名'} 文件。",
            "只导入 .docx、.txt、.pdf（有文字层的）、.ofd、投稿包（.zip），以及经 LibreOffice 转换的 .doc、.wps、.odt、.rtf。",
        )
    try:
        size = real.stat().st_size
    except OSError as error:
        raise ImportFailure(path, f"读不了这个文件（{error.strerror}）。", "检查文件是否还在、有没有读权限。") from None
    if size == 0:
        raise ImportFailure(path, "文件是空的（0 字节）。", "找到原文件重新拷贝一份。")
    limit = MAX_TEXT_BYTES if suffix == ".txt" else MAX_PART_BYTES
    if size > limit:
        raise ImportFailure(
            path,
            f"文件有 {size / 2**20:.1f} MB，超过一篇文稿的上限 {limit // 2**20} MB。",
            "确认选对了文件；一个文件里有多篇文稿时，拆成一篇一个文件再导入。",
        )
    if real in converted:
        result = converted[real]
        if isinstance(result, ReadError):
            raise type(result)(path, result.problem, result.fix)
        return from_docx(read_docx(result, path, accept_revisions), path)
    data = real.read_bytes()
    if suffix == ".txt":
        return from_text(decode(data, path), path)
    if suffix in LAID_OUT:
        return from_blocks(rebuild(LAID_OUT[suffix](data, path)), path, suffix[1:])
    return from_docx(read_docx(data, path, accept_revisions), path)


def import_files(
    files: list[Path],
    into: Path,
    *,
    project: Path = PROJECT,
    dry_run: bool = False,
    accept_revisions: bool = False,
    echo: Callable[[str], None] = print,
    batch: Batch | None = None,
    progress: Progress | None = None,
) -> Batch:
    """Import files into the samples folder `into`; echo gets one line per file, and one per sample already there
    that cannot be read (left out of the duplicate check); progress, if given, hears of each file taken and done.
    A bad vocab.yml or rules.yml raises a SourceError."""
    # The samples folder of a project judges its samples by that project's vocabulary; any other by ours.
    root = into.parent.parent if (into.parent / "vocab.yml").is_file() else project
    library = load_library(root, parts=("import",))
    rules = library.import_rules
    vocab = {facet: list(names(library.vocab, facet)) for facet in FACETS}
    index = ImportIndex.load(into, library.vocab)
    for error in index.unreadable:
        echo(f"注意  已有的范文读不出来，查重时没有算上它：{error}")
    batch = batch if batch is not None else Batch()
    with tempfile.TemporaryDirectory(prefix="fanwenku-bundles-") as unpacked:
        sources = [unpack(path, Path(unpacked), n, library.vocab) for n, path in enumerate(files)]
        converted = convert_to_docx([s.real for s in sources if s.error is None and _needs_conversion(s.real)])
        for source in sources:
            path = source.path
            if progress is not None:
                progress.current(path.name)
            try:
                if source.error is not None:
                    raise source.error
                result = _import_one(source, into, index, rules, vocab, converted, dry_run, accept_revisions)
            except ReadError as error:
                result = Result(path, "failed", message=str(error))
            except OSError as error:
                failure = ImportFailure(
                    path,
                    f"写入失败（{error}），这一篇什么也没写。",
                    f"检查 {into} 能否写入、磁盘是否已满，再导入一次。",
                )
                result = Result(path, "failed", message=str(failure))
            except Exception as error:  # each file is its own transaction: whatever breaks, the batch goes on
                failure = ImportFailure(
                    path,
                    f"读这个文件时出了意外的问题（{type(error).__name__}），这一篇什么也没写。",
                    "其他文件照常导入；把这个文件和这一行发给维护范文库的人。",
                )
                result = Result(path, "failed", message=str(failure))
            batch.results.append(result)
            echo(result_line(result))
            if progress is not None:
                progress.advance()
    return batch


def confirmed_guesses(draft: Draft, confirmed: dict) -> dict[str, Guess]:
    """A bundle's metadata as certain guesses. When the document's own title differs from the one chosen, it goes
    back into the text as its first line: nothing of the document is lost."""
    if draft.title_from_text and draft.title != confirmed["标题"]:
        draft.lines.insert(0, draft.title)
        draft.notes = [(at + 1, kind, text) for at, kind, text in draft.notes]
    return {key: Guess(value, True, "投稿") for key, value in confirmed.items()}


def _import_one(source: Source, into, index, rules, vocab, converted, dry_run, accept_revisions) -> Result:
    path = source.path
    draft = read_document(source.real, accept_revisions, converted, shown=path)
    draft.path = Path(source.name)
    if source.confirmed:
        guesses = confirmed_guesses(draft, source.confirmed)
    if not draft.lines:
        what = "只有标题，没有正文" if draft.title_from_text else "没有文字"
        raise ImportFailure(path, f"文件里{what}（图片里的字读不出来，扫描件要先做文字识别）。", "换成有正文的文件。")
    key = text_key(draft.lines)
    same = index.duplicate_of(key)
    if same:
        return Result(path, "duplicate", same.slug, f"与已有的 {same.slug}《{same.title}》正文相同")
    if not source.confirmed:
        guesses = guess_metadata(draft, rules, vocab)
    paragraphs = paragraph_keys(draft.lines)
    near = index.near(paragraphs)
    slug = index.free_slug(slug_for(guesses["标题"].value))
    order = index.max_order + 1
    try:
        meta = render_meta(draft, guesses, slug, order, "投稿" if source.confirmed else "导入")
    except SourceError as error:  # never expected: what the importer writes is what the build reads
        raise ImportFailure(
            path,
            f"生成的元数据读不回来（{error.problem}），这一篇什么也没写。",
            "把这个文件和这一行发给维护范文库的人。",
        ) from None
    if not dry_run:
        write_document(into, slug, render_text(draft.lines), meta)
    index.max_order = order
    index.add(Entry(slug, guesses["标题"].value, key, paragraphs))
    pending = [k for k, g in guesses.items() if not g.certain]
    shown = " · ".join(f"{k} {g.shown}" for k, g in guesses.items() if k != "标题" and g.shown)
    result = Result(path, "imported", slug, f"《{guesses['标题'].shown}》 {shown}", pending)
    if source.confirmed:
        result.message += "（投稿包里的元数据，已确认）"
    if draft.title_removed:
        result.message += f"；标题里看不见的字符（{'、'.join(draft.title_removed)}）已删去"
    if near:
        result.near = f"与已有的 {near[0].slug}《{near[0].title}》有 {near[1]:.0%} 的段落相同，请看是否重复"
    return result


def result_line(result: Result) -> str:
    if result.status == "failed":
        return f"失败  {result.message}"
    if result.status == "duplicate":
        return f"重复  {result.path} → {result.slug}：{result.message}，未导入"
    line = f"导入  {result.path} → {result.slug}  {result.message}"
    return line + (f"；近似：{result.near}" if result.near else "")


def summary_line(batch: Batch, into: Path, dry_run: bool) -> str:
    pending = sum(1 for r in batch.results if r.pending)
    near = sum(1 for r in batch.results if r.near)
    parts = [f"共 {len(batch.results)} 个文件：导入 {batch.count('imported')} 篇"]
    extra = [f"{pending} 篇有待确认的元数据"] if pending else []
    extra += [f"{near} 篇与已有范文近似"] if near else []
    if extra:
        parts[0] += f"（其中 {'，'.join(extra)}）"
    parts.append(f"重复 {batch.count('duplicate')} 篇")
    parts.append(f"失败 {batch.count('failed')} 个")
    line = "，".join(parts) + "。"
    if batch.skipped:
        line += (
            f"文件夹里另有 {len(batch.skipped)} 个文件已跳过（不是文稿、隐藏文件、Office 的 ~$ 临时文件，"
            "或指向文件夹外面的链接）。"
        )
    if dry_run:
        line += "这是试运行（--dry-run），什么也没有写。"
    elif batch.count("imported"):
        line += f"写入了 {into}/；待确认的元数据怎样核对，见维护手册 docs/weihu/zengjia.md 的“待确认”。"
    return line


PROG = "scripts/import"
EXIT_CODES = {
    0: "全部导入（或本来就有）；--apply：表格里的元数据都已写好",
    1: "有文件没导入（其余照常导入，每个一行说明）；--apply：表格里有填错的格子，什么也没写",
    2: "用法错误：路径不存在、--into 不能写、没有可导入的文件、词表或导入规则有错",
    130: "按 Ctrl-C 中断（手上的这一篇要么写完整、要么没写）",
}


def parser(project: Path = PROJECT) -> argparse.ArgumentParser:
    p = CommandParser(
        PROG,
        "把 Word（.docx，经 LibreOffice 也可以是 .doc、.wps、.odt、.rtf）、PDF、OFD、文本文件和网站“投稿”页的投稿包导入"
        "范文库：原文照录，元数据自动猜测，猜不准的标“待确认”。--review 把范文的元数据写成表格（下拉列表里选值），"
        "在 WPS 表格或 Excel 里核对后用 --apply 写回。",
        [
            "scripts/import ~/材料/2024年总结 --dry-run        # 先看看会怎样导入一个文件夹，什么也不写",
            "scripts/import --review 元数据.xlsx --pending       # 待确认的范文列成表格，核对后保存",
            "scripts/import --apply 元数据.xlsx                  # 表格里改好的元数据写回 .yml",
        ],
        EXIT_CODES,
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="文件或文件夹（文件夹里的文件逐层都导入）")
    p.add_argument(
        "--into",
        type=Path,
        default=project / "templates_src" / "samples",
        help="写到哪个文件夹（默认 templates_src/samples/）；--review、--apply 用这个文件夹里的范文",
    )
    p.add_argument("--dry-run", action="store_true", help="只读、只猜、只报告，什么也不写")
    p.add_argument(
        "--accept-revisions", action="store_true", help="有修订（插入、删除）的 Word 文件按全部接受导入，而不是拒绝"
    )
    sheet = p.add_mutually_exclusive_group()
    sheet.add_argument("--review", type=Path, metavar="表格.xlsx", help="把范文的元数据写成表格，供核对")
    sheet.add_argument("--apply", type=Path, metavar="表格.xlsx", help="检查核对过的表格，全部无误才写回 .yml")
    p.add_argument("--pending", action="store_true", help="和 --review 一起用：只列有待确认元数据的范文")
    return p


def _usage(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None, project: Path = PROJECT) -> int:
    """The command line; project is the checkout whose templates_src/ is the default target."""
    command = parser(project)
    args = command.parse_args(argv)
    if args.review or args.apply:
        if args.paths:
            command.error("--review、--apply 不和要导入的文件一起用，请分两次运行")
        return review_main(args, project)
    if args.pending:
        command.error("--pending 只和 --review 一起用")
    if not args.paths:
        command.error("缺少参数 PATH（要导入的文件或文件夹）")
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"{PROG}: 找不到 {'、'.join(map(str, missing))}；检查路径是否写对。", file=sys.stderr)
        return 2
    if args.into.exists() and not args.into.is_dir():
        print(f"{PROG}: --into {args.into} 是一个文件，应是文件夹。", file=sys.stderr)
        return 2
    samples = project / "templates_src" / "samples"
    refused = refusal(args.into, project, allow=(samples,))
    if refused:  # the places scripts/build refuses too (macros/sources/places.py)
        print(
            f"{PROG}: 不能导入到 {args.into}：{refused}范文只写进 templates_src/samples/，或项目外的文件夹。"
            " 修改方法：不写 --into（导入到 templates_src/samples/），或换一个项目外的文件夹。",
            file=sys.stderr,
        )
        return 2
    files, skipped = collect(args.paths)
    if not files:
        print(f"{PROG}: 没有找到可导入的文件（.docx、.txt、.doc、.wps、.odt、.rtf）。", file=sys.stderr)
        return 2
    batch = Batch(skipped=skipped)
    try:
        with Progress("导入", len(files)) as progress:  # on a terminal only (macros/progress.py)
            import_files(
                files,
                args.into,
                project=project,
                dry_run=args.dry_run,
                accept_revisions=args.accept_revisions,
                echo=progress.print,
                batch=batch,
                progress=progress,
            )
    except SourceError as error:  # the vocabulary or the import rules
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # the file in hand was written whole or not at all (writer.py)
        left = len(files) - len(batch.results)
        print(
            f"已中断（Ctrl-C），还有 {left} 个文件没有处理。{summary_line(batch, args.into, args.dry_run)}"
            "再运行一次会接着导入其余的文件（已导入的算“重复”，不会再写）。"
        )
        return 130
    print(summary_line(batch, args.into, args.dry_run))
    return 1 if batch.count("failed") else 0


def review_main(args, project: Path) -> int:
    """--review and --apply (macros/importer/review.py)."""
    from macros.importer.review import SheetError, apply_review, load_samples_folder, write_review

    folder = args.into
    root = folder.parent.parent if (folder.parent / "vocab.yml").is_file() else project
    if not folder.is_dir():
        return _usage(f"范文文件夹 {folder} 不存在。修改方法：用 --into 指向放范文 .yml 的文件夹。")
    try:
        vocab = load_library(root, parts=()).vocab
        if args.review:
            if args.review.suffix.lower() != ".xlsx":
                return _usage(f"{args.review}：表格要存成 .xlsx。修改方法：文件名以 .xlsx 结尾。")
            if not args.review.parent.is_dir():
                return _usage(f"{args.review.parent} 不存在。修改方法：换一个已有的文件夹。")
            count = write_review(args.review, load_samples_folder(folder, vocab), vocab, args.pending)
            what = "有待确认元数据的" if args.pending else ""
            print(
                f"写好了 {args.review}：{count} 篇{what}范文，一篇一行。在 WPS 表格或 Excel 里核对（行业、文种、层级从下拉列表里选，"
                f"核对过的项从“待确认”一列删掉），保存后运行 {PROG} --apply {args.review}。"
            )
            return 0
        if not args.apply.is_file():
            return _usage(f"找不到 {args.apply}；检查路径是否写对。")
        changed, errors, rows = apply_review(args.apply, folder, vocab)
    except SheetError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except SourceError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        return _usage(f"{error.filename or ''} 读写出错（{error.strerror or error}），什么也没有写。")
    except KeyboardInterrupt:
        print("已中断（Ctrl-C）：写回要么全部完成，要么一个文件也没改。")
        return 130
    if errors:
        for error in errors:
            print(error)
        print(f"表格里有 {len(errors)} 处要改，什么也没有写。改好后保存，再运行一次。")
        return 1
    if changed:
        print(f"写回了 {len(changed)} 篇范文的元数据：{'、'.join(changed)}；其余 {rows - len(changed)} 行没有改动。")
    else:
        print(f"表格里的 {rows} 行和 .yml 里的一样，什么也不用改。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
