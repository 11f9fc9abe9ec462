"""scripts/import (macros/importer/run.py) as a user runs it: lines, summary, exit codes, duplicates, re-runs, bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx_traps import encrypted_docx, p, package

import macros.importer.writer as writer
from macros.importer.run import import_files

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "import-samples"
TIANJIN = SHARED / "tianjin-2025-zhengfu-gongzuo-baogao.docx"
GBK_REPORT = SHARED / "2020-zhengfu-gongzuo-baogao-gbk.txt"
IMPORT = [sys.executable, "-m", "macros.importer.run"]  # what scripts/import runs


def cli(*args, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*IMPORT, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=600,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


GOOD = package(p("关于全县招商引资工作情况的汇报", center=True) + p("今年以来，全县招商引资工作稳步推进。"))


def test_the_two_real_documents_import_and_a_rerun_changes_nothing(tmp_path):
    out = tmp_path / "samples"
    first = cli(TIANJIN, GBK_REPORT, "--into", out)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert len(lines) == 3 and lines[0].startswith("导入  ") and lines[1].startswith("导入  ")
    assert "《2025年天津市政府工作报告》" in first.stdout and "《政府工作报告（文字实录）》" in first.stdout
    assert "年代 2025年" in first.stdout and "年代 2020年" in first.stdout
    assert lines[2].startswith("共 2 个文件：导入 2 篇")
    files = snapshot(out)
    assert sorted(files) == sorted(
        f"{slug}.{ext}"
        for slug in ("2025-nian-tian-jin-shi-zheng-fu-gong-zuo-bao-gao", "zheng-fu-gong-zuo-bao-gao-wen-zi-shi-lu")
        for ext in ("txt", "yml")
    )
    tianjin = (out / "2025-nian-tian-jin-shi-zheng-fu-gong-zuo-bao-gao.txt").read_text(encoding="utf-8").splitlines()
    assert tianjin[:3] == [
        "来源：天津人大—天津日报",
        "2025年1月14日在天津市第十八届人民代表大会第三次会议上天津市市长张工同志作政府工作报告。",
        "各位代表：",
    ]
    assert len(tianjin) == 83  # 85 paragraphs in the file: one is empty, and the title goes into the .yml
    report = (out / "zheng-fu-gong-zuo-bao-gao-wen-zi-shi-lu.txt").read_text(encoding="utf-8")
    assert report.splitlines()[0] == "——2020年5月22日在第十三届全国人民代表大会第三次会议上"
    assert report.endswith("(来源：中国政府网）\n")

    again = cli(SHARED, "--into", out)  # the folder this time: same files, and the README is skipped
    assert again.returncode == 0, again.stderr
    assert [line[:4] for line in again.stdout.splitlines()[:2]] == ["重复  ", "重复  "]
    assert "另有 1 个文件已跳过" in again.stdout
    assert snapshot(out) == files


def test_same_text_with_other_bytes_and_name_is_a_duplicate(tmp_path):
    text = "关于全县招商引资工作情况的汇报\n\n今年以来，全县招商引资工作稳步推进。\n"
    (tmp_path / "a.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "副本 (2).txt").write_bytes(
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").replace("今年", "\u3000\u3000今年").encode()
    )
    (tmp_path / "c.docx").write_bytes(GOOD)
    result = cli(tmp_path / "a.txt", tmp_path / "副本 (2).txt", tmp_path / "c.docx", "--into", tmp_path / "out")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("导入  ")
    assert lines[1].startswith("重复  ") and "副本 (2).txt" in lines[1] and "正文相同" in lines[1]
    assert lines[2].startswith("重复  ") and "c.docx" in lines[2]
    assert len(list((tmp_path / "out").glob("*.txt"))) == 1


def test_near_duplicate_is_imported_and_reported(tmp_path):
    paragraphs = [f"第{i}段：全县招商引资工作稳步推进，签约项目{i}个。" for i in range(1, 21)]
    (tmp_path / "a.txt").write_text("招商引资工作总结\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "招商引资工作总结\n" + "\n".join(paragraphs[:19]) + "\n另加的一段结束语，表示感谢。\n", encoding="utf-8"
    )
    result = cli(tmp_path / "a.txt", tmp_path / "b.txt", "--into", tmp_path / "out")
    assert result.returncode == 0
    second = result.stdout.splitlines()[1]
    assert second.startswith("导入  ") and "近似" in second and "95%" in second
    assert "1 篇与已有范文近似" in result.stdout


def test_a_sample_already_there_that_cannot_be_read_is_named_in_one_line_and_the_batch_goes_on(tmp_path):
    """The samples in --into are read as the build reads them: a bad one is reported, left out, never a crash."""
    out, source = tmp_path / "out", tmp_path / "good.docx"
    source.write_bytes(GOOD)
    first = cli(source, "--into", out)
    assert first.returncode == 0, first.stderr
    (out / "bad.txt").write_text("正文。\n", encoding="utf-8")
    (out / "bad.yml").write_text("slug: bad\n标题: &t 坏的范文\n", encoding="utf-8")  # an anchor: refused
    (out / "odd.yml").write_text("slug: odd\n", encoding="utf-8")  # no text beside it
    before = snapshot(out)
    again = cli(source, "--into", out)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    prefix = "注意  已有的范文读不出来，查重时没有算上它："
    assert lines[0].startswith(f"{prefix}{out / 'bad.yml'}:2: 用了 YAML 锚点“&t”。 修改方法：") and "\n" not in lines[0]
    assert lines[1].startswith(f"{prefix}{out / 'odd.yml'}: 找不到原文文件 odd.txt。 修改方法："), lines[1]
    assert lines[2].startswith("重复  ") and "good.docx" in lines[2]  # the good sample is still in the index
    assert snapshot(out) == before  # the duplicate is not written again


def test_a_bad_rules_file_of_the_target_project_stops_before_anything_is_read(tmp_path):
    """--into a project's samples folder uses that project's vocabulary and rules, loaded as the build loads them."""
    shutil.copytree(ROOT / "templates_src", tmp_path / "templates_src")
    rules = tmp_path / "templates_src" / "import" / "rules.yml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("  讲话稿: [讲话,", "  讲话稿: &k [讲话,"), encoding="utf-8"
    )
    line = next(i for i, text in enumerate(rules.read_text(encoding="utf-8").split("\n"), 1) if "&k" in text)
    (tmp_path / "good.docx").write_bytes(GOOD)
    result = cli(tmp_path / "good.docx", "--into", tmp_path / "templates_src" / "samples")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"scripts/import: {rules}:{line}: 用了 YAML 锚点“&k”。 修改方法：")
    assert result.stderr.count("\n") == 1  # one line


def test_bad_input_each_a_one_line_error_and_the_others_imported(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.docx").write_bytes(b"")
    (bad / "empty.txt").write_bytes(b"")
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(256)) * 8
    (bad / "photo.docx").write_bytes(jpeg)
    (bad / "photo.txt").write_bytes(jpeg)
    (bad / "truncated.docx").write_bytes(GOOD[: len(GOOD) // 2])
    (bad / "encrypted.docx").write_bytes(encrypted_docx())
    with open(bad / "huge.txt", "wb") as handle:  # 50 MB: refused by its size, never read
        handle.truncate(50 * 1024 * 1024)
    (bad / "mixed.txt").write_bytes("汇报材料的第一段\n".encode() + "第二段是 GBK 编码的文字。\n".encode("gbk"))
    (tmp_path / "good.docx").write_bytes(GOOD)
    out = tmp_path / "out"
    result = cli(bad, tmp_path / "good.docx", "--into", out)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    failed = [line for line in lines if line.startswith("失败  ")]
    assert len(failed) == 8
    expected = {
        "empty.docx": "空的",
        "empty.txt": "空的",
        "photo.docx": "JPEG 图片",
        "photo.txt": "NUL",
        "truncated.docx": "损坏",
        "encrypted.docx": "密码",
        "huge.txt": "50.0 MB",
        "mixed.txt": "混用",
    }
    for name, problem in expected.items():
        line = next(line for line in failed if f"{bad / name}: " in line)
        assert problem in line and "修改方法：" in line, line
    assert any(line.startswith("导入  ") and "good.docx" in line for line in lines)
    assert lines[-1].startswith("共 9 个文件：导入 1 篇") and "失败 8 个" in lines[-1]
    assert len(list(out.iterdir())) == 2  # the good document's .txt and .yml, nothing else


def test_dry_run_writes_nothing(tmp_path):
    result = cli(TIANJIN, "--into", tmp_path / "out", "--dry-run")
    assert result.returncode == 0
    assert result.stdout.startswith("导入  ") and "试运行" in result.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["/no/such/file.docx"], "找不到"),
        ([str(TIANJIN), "--into", str(TIANJIN)], "是一个文件"),
        ([], "用法："),
        (["--bogus", str(TIANJIN)], "不认识的参数 --bogus"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(tmp_path, args, message):
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_empty_folder_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    result = cli(tmp_path / "in", "--into", tmp_path / "out")
    assert result.returncode == 2 and "没有找到可导入的文件" in result.stderr


def test_a_failed_write_leaves_nothing_of_that_document(tmp_path, monkeypatch):
    source = tmp_path / "good.docx"
    source.write_bytes(GOOD)
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith(".yml"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", replace)
    lines: list[str] = []
    batch = import_files([source], tmp_path / "out", project=ROOT, echo=lines.append)
    assert batch.results[0].status == "failed" and "写入失败" in lines[0] and "修改方法：" in lines[0]
    assert list((tmp_path / "out").iterdir()) == []


def test_odt_doc_and_a_doc_named_docx_go_through_libreoffice(tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: run scripts/ensure-office.sh"
    (tmp_path / "report.docx").write_bytes(GOOD)
    made = tmp_path / "made"
    for kind in ("odt", "doc"):
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{tmp_path}/lo",
                "--convert-to",
                kind,
                "--outdir",
                str(made),
                "report.docx",
            ],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            timeout=180,
        )
    assert (made / "report.doc").read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # a real Word 97-2003 file
    shutil.copyfile(made / "report.doc", made / "renamed.docx")  # old format under the new name
    result = cli(made / "report.odt", made / "report.doc", made / "renamed.docx", "--into", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("导入  ") and "《关于全县招商引资工作情况的汇报》" in lines[0]
    # The same text three times over: so each conversion read back exactly the text of the first.
    assert lines[1].startswith("重复  ") and lines[2].startswith("重复  "), result.stdout
    (text,) = (tmp_path / "out").glob("*.txt")
    assert text.read_text(encoding="utf-8") == "今年以来，全县招商引资工作稳步推进。\n"


def test_without_libreoffice_old_formats_fail_with_how_to_install(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "good.docx").write_bytes(GOOD)
    result = cli(tmp_path / "old.doc", tmp_path / "good.docx", "--into", tmp_path / "out", env={"SOFFICE": ""})
    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"失败  {tmp_path / 'old.doc'}: ") and "LibreOffice" in line and "apt-get install" in line
    assert "导入  " in result.stdout


def test_progress_shows_on_a_terminal_and_nowhere_else(tmp_path):
    """On a terminal: done/total, the file in hand, time left (tqdm, on standard error); in a pipe (every other test
    here): nothing but the lines."""
    import fcntl
    import pty
    import struct
    import termios

    folder = tmp_path / "材料"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.docx").write_bytes(
            package(p(f"关于第{n}项工作的汇报", center=True) + p(f"第{n}项工作稳步推进。"))
        )
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))  # a terminal window, 160 wide
    process = subprocess.Popen(
        [*IMPORT, str(folder), "--into", str(tmp_path / "out")], stdin=child, stdout=child, stderr=child, close_fds=True
    )
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=120) == 0
    os.close(main)
    text = shown.decode("utf-8", "replace")
    assert "导入：0/3" in text and "约剩" in text and "0.docx" in text  # the progress line, redrawn
    assert text.count("导入  ") == 3 and "共 3 个文件：导入 3 篇" in text
    piped = cli(folder, "--into", tmp_path / "again", "--dry-run")
    assert "约剩" not in piped.stdout + piped.stderr and piped.stderr == ""
