"""Write every blank template; the 模板下载 page lists them from ``TEMPLATES``.

Usage: ``python -m forms.build OUT_DIR``. Same tree, same bytes (see ``reproducible``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checker.law.catalogue import Catalogue
from checker.law.pack import load_catalogue
from forms.application_docx import build_application_docx
from forms.blanks import build_csv, build_json, build_schema
from forms.summary import build_summary_docx, build_summary_xlsx
from forms.workbook import build_workbook


@dataclass(frozen=True)
class Template:
    filename: str          # path under downloads/ (ASCII, stable URL)
    title: str             # the name a person sees and saves it under ({round_year}: the round's)
    format: str
    purpose: str
    build: Callable[[Catalogue], bytes]

    def named(self, cat: Catalogue) -> str:
        return self.title.format(round_year=cat.round_year)


TEMPLATES: tuple[Template, ...] = (
    Template("annex2-application-form.docx", "附件2 中小企业特色产业集群申报表.docx",
             "Word（.docx）",
             "附件2 申报表正式格式：封面、填报说明、一至九部分表格、真实性声明及推荐意见，"
             "用 Word 或 WPS 填写、打印、盖章后报送。", build_application_docx),
    Template("application-template.xlsx", "申报表数据填报模板.xlsx", "Excel（.xlsx）",
             "附件2 各部分的数据和勾选项，每部分一个工作表，带下拉选项和数字校验；"
             "填好后可上传到在线自评页面，或复制粘贴。", build_workbook),
    Template("annex1-summary.docx", "附件1 {round_year}年度中小企业特色产业集群推荐汇总表.docx",
             "Word（.docx）", "附件1 推荐汇总表，由市州经信部门填写，每个集群一行。",
             build_summary_docx),
    Template("annex1-summary.xlsx", "附件1 {round_year}年度中小企业特色产业集群推荐汇总表.xlsx",
             "Excel（.xlsx）", "附件1 推荐汇总表的 Excel 版本，便于汇总多个集群。",
             build_summary_xlsx),
    Template("application-template.csv", "申报表数据填报模板.csv", "CSV（UTF-8）",
             "与 Excel 填报模板相同的栏目（键、栏目、单位、值、分年数据），供其他软件导入。",
             build_csv),
    Template("application-blank.json", "申报数据空白模板.json", "JSON",
             "申报数据的 JSON 空白模板，结构与在线自评程序读取的 JSON 相同。", build_json),
    Template("application.schema.json", "申报数据 JSON Schema.json", "JSON Schema",
             "申报数据 JSON 的结构说明（JSON Schema 2020-12）：各部分、键名、取值类型和勾选框键名。",
             build_schema),
)


def build_all(out_dir: Path, cat: Catalogue | None = None) -> list[tuple[Template, Path]]:
    cat = cat or load_catalogue()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for t in TEMPLATES:
        path = out_dir / t.filename
        path.write_bytes(t.build(cat))
        written.append((t, path))
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m forms.build OUT_DIR", file=sys.stderr)
        return 2
    for t, path in build_all(Path(argv[0])):
        print(f"{path.stat().st_size:>8}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
