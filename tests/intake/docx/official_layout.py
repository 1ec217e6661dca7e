"""A filled 申报表 in the official layout of the seed, built here from the seed's own
tables, independently of our template code (forms/) and of the checker's catalogue.

Every label, box label and heading is taken from the seed text (tests/spec/ copy of
shared/seed/), part by part, in the seed's order; the table shapes follow the seed's
printed form (四 columns in 一、二、四、五, ten in 三 with each year over three columns,
labels merged down over their rows, the standards sub-table, 数量/名称 cells, years
down the side in 五, the years above the values for 工业软件采购金额). The values are the
example application's, written as a person writes them (some with their unit, 13.92 in
the middle cell of its yearly row, 数量：2个 名称：…). Boxes are written one of the four
ways Word, WPS and LibreOffice write them (``BOX_STYLES``), or after their labels.

The WordprocessingML is written by hand (no python-docx), so this is also what a
minimal, valid .docx looks like to the reader.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from checker.law.pack import load_catalogue

SEED = Path(__file__).resolve().parents[2] / "spec" / "000_727e631413e6a11a.txt"
BOX_STYLES = ("chars", "sym", "sdt", "ffdata", "after")
YEARS = load_catalogue().years  # the form's 近三年, oldest first
W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'mc:Ignorable="w14"')


def seed_text() -> str:
    return SEED.read_text("utf-8")


def seed_part(start: str, end: str, include: bool = False) -> list[str]:
    """The seed's lines after the line holding ``start`` (or from it) up to ``end``.

    A row whose first cell is a vertical merge's continuation starts with a tab: ``row``
    (``seed_row``) gives its label (and the cells after it) whichever column holds it."""
    text = seed_text()
    a = text.index(start)
    b = text.index(end, a + len(start))
    return [line for line in text[a:b].split("\n")[0 if include else 1:] if line.strip()]


def seed_row(line: str) -> tuple[str, list[str], bool]:
    """(label, the cells after it, continuation?) of a seed table line."""
    cells = line.split("\t")
    if cells[0].strip() or len(cells) == 1:
        return _plain(cells[0]), cells[1:], False
    return _plain(cells[1]), cells[2:], True


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def box_labels(line: str) -> tuple[str, list[str], str]:
    """(text before the first box, box labels, the trailing note) of a seed line with boxes."""
    pieces = line.split('<input type="checkbox"/>')
    lead = _plain(pieces[0])
    labels, note = [], ""
    for piece in pieces[1:]:
        text = _plain(piece)
        m = re.search(r"[(（]\s*注", text)
        if m:
            text, note = text[:m.start()].strip(), text[m.start():].strip()
        labels.append(text)
    return lead, labels, note


def fig(v) -> str:
    return format(v, "f") if isinstance(v, Decimal) else str(v)


# -- WordprocessingML -------------------------------------------------------------------

def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def box(ticked: bool, style: str, n: int) -> str:
    """One box, written the way ``style`` says (n varies the font within a style)."""
    if style in ("chars", "after"):
        return _run("☑" if ticked else "☐")
    if style == "sym":
        if n % 2:
            font, char = "Wingdings 2", ("F052" if ticked else "F0A3")
        else:
            font, char = "Wingdings", ("F0FE" if ticked else "F0A8")
        return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'
    if style == "sdt":
        glyph = "☒" if ticked else "☐"
        return ('<w:sdt><w:sdtPr><w14:checkbox>'
                f'<w14:checked w14:val="{1 if ticked else 0}"/>'
                '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
                '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
                '</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>'
                '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/>'
                f'</w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>')
    if style == "ffdata":
        # Word's legacy form field: w:checked when clicked, else w:default.
        state = ("<w:checked/>" if n % 2 else '<w:default w:val="1"/>') if ticked else '<w:default w:val="0"/>'
        return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check%d"/><w:enabled/>'
                '<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>%s</w:checkBox></w:ffData></w:fldChar></w:r>'
                '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>') % (n, state)
    raise ValueError(style)


class Doc:
    def __init__(self, style: str) -> None:
        self.style = style
        self.body: list[str] = []
        self.n = 0

    def boxes(self, labels: list[str], ticked: set[str], sep: str = " ") -> str:
        """The runs of a box line: ☐ label ☐ label (or label☐ for style "after")."""
        out = []
        for label in labels:
            self.n += 1
            b = box(label in ticked, self.style, self.n)
            out.append(_run(label) + b + _run(sep) if self.style == "after" else b + _run(" " + label + sep))
        return "".join(out)

    def p(self, content: str = "", raw: bool = False) -> str:
        return f"<w:p>{content if raw else _run(content)}</w:p>"

    def para(self, content: str = "", raw: bool = False) -> None:
        self.body.append(self.p(content, raw))

    def table(self, grid: int, rows: list[list[tuple]]) -> None:
        """Rows of cells ``(paragraphs, span, vmerge)``; paragraphs are raw XML paragraphs."""
        out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>']
        out += ['<w:gridCol w:w="900"/>'] * grid
        out.append("</w:tblGrid>")
        for row in rows:
            out.append("<w:tr>")
            for paras, span, vmerge in row:
                props = ""
                if span > 1:
                    props += f'<w:gridSpan w:val="{span}"/>'
                if vmerge == "restart":
                    props += '<w:vMerge w:val="restart"/>'
                elif vmerge == "continue":
                    props += "<w:vMerge/>"
                out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paras) or '<w:p/>'}</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.body.append("".join(out))

    def xml(self) -> str:
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>'
                + "".join(self.body) + "<w:sectPr/></w:body></w:document>")


def package(document_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   "</Relationships>")
        z.writestr("word/document.xml", document_xml)
    return out.getvalue()


# -- the form, part by part ---------------------------------------------------------------

def _cell(d: Doc, text: str = "", span: int = 1, vmerge: str | None = None):
    lines = text.split("\n") if text else []
    return ([d.p(line) for line in lines], span, vmerge)


def _raw_cell(paras: list[str], span: int = 1, vmerge: str | None = None):
    return (paras, span, vmerge)


def _named(nc: dict) -> str:
    return f"数量：{nc['count']}个 名称：{'、'.join(nc['names']) or '无'}"


def build(app: dict, style: str) -> bytes:
    """The seed's 申报表, filled with ``app`` (an application without 附件1), boxes in ``style``."""
    d = Doc(style)
    cover, basic, ind, inn = app["cover"], app["basic"], app["industry"], app["innovation"]
    dig, green, opn, gov, plan = app["digital"], app["green"], app["open"], app["governance"], app["plan"]

    # Cover: "label: ____" lines, the region's three blanks typed into.
    d.para("附件 2")
    d.para("中小企业特色产业集群申报表")
    for line in seed_part("## 中小企业特色产业集群申报表", "工业和信息化部 制"):
        line = line.replace("\\_", "_")
        label = line.split(":", 1)[0].strip()
        if label == "集群名称":
            d.para(f"集群名称: {cover['cluster_name']}")
        elif label == "所属地区":
            r = cover["region"]
            d.para(f"所属地区: __{r['province'][:-1]}__省(区、市)__{r['city'][:-1]}__市(区)__{r['county']}__县(市、区)")
        elif label.startswith("县级行政区划"):
            d.para(f"{label}: {cover['authority']}")
        elif label == "集群运营管理机构":
            # revised with Track Changes on: the deletion is not read, the insertion is
            d.para(_run(f"{label}: ") + '<w:del w:id="1" w:author="a"><w:r><w:delText>样例区工业园</w:delText></w:r></w:del>'
                   f'<w:ins w:id="2" w:author="a">{_run(cover["operator"])}</w:ins>', raw=True)
        elif label == "申报时间":
            d.para(_run(f"{label}: ") + f'<w:hyperlink w:anchor="top">{_run(cover["filed_on"])}</w:hyperlink>', raw=True)
        elif label == "联系人及联系电话":
            # a HYPERLINK field: its code is not read, its result is
            d.para(_run(f"{label}: ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                   '<w:r><w:instrText xml:space="preserve"> HYPERLINK "tel:02700000000" </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run(cover["contact"])
                   + '<w:r><w:fldChar w:fldCharType="end"/></w:r>', raw=True)
        else:
            d.para(line)  # the hint line (XX(省、市)XX(县、区)XX产业))
    d.para("工业和信息化部 制")
    d.para("填报说明")
    for line in seed_part("# 填报说明", "## 一、基本情况"):
        d.para(line)

    # 一、基本情况: four columns.
    d.para("一、基本情况")
    rows = []
    values = {"县级行政区划中小企业主管部门": basic["authority"], "集群运营管理机构": basic["operator"],
              "集群占地面积(平方公里)": fig(basic["land_area_km2"])}
    contacts = iter([(basic["authority_contact"], basic["authority_phone"]),
                     (basic["operator_contact"], basic["operator_phone"])])
    answers = {"主导产业所属产业类型": basic["industry_type"],
               "集群主导产业是否属于国家规定的禁止、限制和淘汰类产业": basic["prohibited_industry"],
               "近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件": basic["major_incident"],
               "是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为": basic["misconduct"],
               "属于高耗能行业的集群，能效水平是否达到行业基准值": basic["energy_benchmark_met"],
               "属于高用水行业的集群，水效水平是否达到行业基准值": basic["water_benchmark_met"],
               "是否已被认定为省级中小企业特色产业集群": basic["provincial_cluster"]}
    for line in seed_part("## 一、基本情况", "## 二、主导产业情况"):
        cells = line.split("\t")
        label = cells[0].strip()
        if label.startswith("集群名称"):
            rows.append([_cell(d, label), _cell(d, basic["cluster_name"], 3)])
        elif label == "联系人":
            who, phone = next(contacts)
            rows.append([_cell(d, "联系人"), _cell(d, who), _cell(d, "联系方式"), _cell(d, phone)])
        elif label in values:
            rows.append([_cell(d, label), _cell(d, values[label], 3)])
        elif label in answers:
            _, labels, _ = box_labels(cells[1])
            ticked = {next(x for x in labels if x == answers[label] or x.endswith(answers[label]))}
            rows.append([_cell(d, label), _raw_cell([d.p(d.boxes(labels, ticked), raw=True)], 3)])
    d.table(4, rows)

    # 二、主导产业情况
    d.para("二、主导产业情况")
    yearly = ["total_output", "county_output_share", "sme_output_share", "leading_output_share", None,
              "enterprise_count", "sme_count", "provincial_srdi_count", "little_giant_count",
              "single_champion_count", "high_tech_count", "innovative_sme_count", "listed_sme_count",
              "ipo_tutoring_sme_count", "fdi", "fdi_growth", "export", "export_growth"]
    lines = seed_part("## 二、主导产业情况", "<p>集群产业链强链补链情况")
    rows = [[_cell(d, c.strip()) for c in lines[0].split("\t")]]
    for line, key in zip(lines[1:], yearly):
        label = line.split("\t")[0].strip()
        if key is None:  # 近三年集群主导产业产值年均增速: one value, in whichever cell
            rows.append([_cell(d, label), _cell(d), _cell(d, f"{fig(ind['leading_output_cagr'])}%"), _cell(d)])
            continue
        v = ind[key]
        unit = " 家" if key == "sme_count" else ""
        rows.append([_cell(d, label)] + [_cell(d, fig(v[y]) + unit) for y in YEARS])
    texts = {"集群产业链强链补链情况 (200 字以内)": ind["chain_text"],
             "集群内产业链资源协同协作情况 (200 字以内)": ind["resource_text"],
             "集群质量品牌建设情况 (200字以内)": ind["quality_text"]}
    ticks = {"集群已开展的产业链强链补链工作": ("chain_actions", ind),
             "集群已开展的产业链资源协同协作工作": ("resource_actions", ind),
             "集群已开展的质量品牌建设 工作": ("quality_actions", ind)}
    rows += _text_and_box_rows(d, seed_part("<p>集群产业链强链补链情况", "### 三、创新能力情况", True), texts, ticks)
    d.table(4, rows)

    # 三、创新能力情况: ten columns, each year over three.
    d.para("三、创新能力情况")
    lines = seed_part("### 三、创新能力情况", "#### 四、数字化升级情况")
    head = [c.strip() for c in lines[0].split("\t") if c.strip()]
    rows = [[_cell(d, head[0])] + [_cell(d, y, 3) for y in head[1:]]]
    keys = iter(["rd_intensity", "rd_spend", "employees", "rd_staff", "ip_grants"])
    for line in lines[1:6]:
        key = next(keys)
        cells = [fig(inn[key][y]) for y in YEARS]
        if key == "rd_spend":
            cells[2] += "亿元"  # a value written with its unit
        rows.append([_cell(d, line.split("\t")[0].strip())] + [_cell(d, c, 3) for c in cells])
    std_label = lines[6].split("\t")[0].strip()
    rows.append([_cell(d, std_label, vmerge="restart")] + [_cell(d, c.strip()) for c in lines[6].split("\t")[1:]])
    parts = {"国际": "international", "国家": "national", "行业": "industry", "团体": "group"}
    for line in lines[7:11]:
        part = line.split("\t")[1].strip()
        row = [_cell(d, vmerge="continue")]
        for y in YEARS:
            got = inn["standards"][y][parts[part]]
            row += [_cell(d, part), _cell(d, fig(got["lead"])), _cell(d, fig(got["join"]))]
        rows.append(row)
    platform_parts = [("national", lines[11].split("\t")[1].strip()), ("provincial", "省级制造业创新中心或省级创新平台名称及数量"),
                      ("other", "其他平台名称及数量")]
    for i, (key, label) in enumerate(platform_parts):
        outer = _cell(d, lines[11].split("\t")[0].strip(), vmerge="restart") if i == 0 else _cell(d, vmerge="continue")
        rows.append([outer, _cell(d, label, 3), _cell(d, _named(inn["platforms"][key]), 6)])
    singles = {"集群中小企业 PCT 国际专利申请量": fig(inn["pct_applications"]),
               "近三年集群中小企业有效发明专利 年均增速 (%)": fig(inn["invention_patent_cagr"]),
               "集群中小企业从业人员每万人有效 发明专利拥有量": fig(inn["patents_per_10k"])}
    for line in lines[14:]:
        label = line.split("\t")[0].strip()
        if label in singles:
            rows.append([_cell(d, label, 4), _cell(d, singles[label], 6)])
        elif label.startswith("集群内中小企业有效发明专利拥有"):
            rows.append([_cell(d, label, 4), _cell(d, f"{fig(inn['invention_patents'])} 个 (需提供清单及佐证材料)", 6)])
    d.table(10, rows)

    # 四、数字化升级情况
    d.para("四、数字化升级情况")
    lines = seed_part("#### 四、数字化升级情况", "## 五、绿色化转型情况")
    rows = []
    singles = {"集群上云中小企业数量": dig["cloud_sme_count"], "集群中小企业上云比例 (%)": dig["cloud_rate"],
               "集群接入工业互联网平台的中小企业数量": dig["iip_sme_count"],
               "集群中小企业工业互联网平台应用普及率 (%)": dig["iip_rate"],
               "集群中小企业数字化研发工具应用普及率 (%)": dig["digital_rd_tool_rate"],
               "数字化服务总体情况 (200字以内)": dig["service_text"]}
    for line in lines:
        label, rest, _ = seed_row(line)
        cells = [label] + rest
        if label in singles:
            rows.append([_cell(d, label), _cell(d, fig(singles[label]), 3)])
        elif label == "工业软件应用率稳步提升":
            _, labels, _ = box_labels(cells[1])
            rows.append([_cell(d, label), _raw_cell([d.p(d.boxes(labels, {dig["software_rising"]}), raw=True)], 3)])
        elif label.startswith("工业软件采购金额"):
            rows.append([_cell(d, label, vmerge="restart")] + [_cell(d, c.strip()) for c in cells[1:4]])
            rows.append([_cell(d, vmerge="continue")] + [_cell(d, fig(dig["software_spend"][y])) for y in YEARS])
        elif label == "集群已开展的数字化服务工作":
            _, labels, note = box_labels(cells[1])
            ticked = _labels_of(labels, "digital.service_actions", dig["service_actions"])
            rows.append([_cell(d, label), _raw_cell([d.p(d.boxes(labels, ticked) + _run(note), raw=True)], 3)])
        elif label == "数字化新模式新业态推广情况":
            rows.append([_cell(d, label, vmerge="restart"), _cell(d, cells[1].strip()), _cell(d, dig["new_model_text"], 2)])
        elif label.startswith("集群已开展的数字化新模式新业态推广工作"):
            lead, labels, note = box_labels(line.split("\t")[1])
            ticked = _labels_of(labels, "digital.new_model_actions", dig["new_model_actions"])
            rows.append([_cell(d, vmerge="continue"),
                         _raw_cell([d.p(_run(lead) + d.boxes(labels, ticked) + _run(note), raw=True)], 3)])
        elif label.endswith("试点示范项目名称及数量"):
            key = {"国家级": "national", "省级": "provincial", "其他": "other"}[label[:3].rstrip("试")]
            rows.append([_cell(d, vmerge="continue"), _cell(d, label), _cell(d, _named(dig["pilots"][key]), 2)])
    d.table(4, rows)

    # 五、绿色化转型情况: years down the side, the formula beneath.
    d.para("五、绿色化转型情况")
    lines = seed_part("## 五、绿色化转型情况", "## 六、开放合作情况")
    rows = []
    side = {"近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元）": ("co2_intensity", "co2_formula"),
            "近三年集群单位产值能耗（吨标准煤/万元）": ("energy_intensity", "energy_formula")}
    singles = {"近三年集群单位产值能耗降低率（%）": green["energy_intensity_drop"],
               "大宗工业固废综合利用率（%）": green["solid_waste_rate"], "工业用水重复利用率（%）": green["water_reuse_rate"],
               "集群绿色低碳相关工作情况 （200 字以内）": green["green_text"]}
    above = iter(["solid_waste_above_avg", "water_reuse_above_avg"])
    current = None
    for line in lines:
        cells = line.split("\t")
        label = _plain(cells[0])
        if label == "" and len(cells) > 1 and "绿色制造体系建设情况" in cells[1]:
            label, cells = _plain(cells[1]), [""] + cells[1:]
        if label in side:
            current = side[label]
            rows.append([_cell(d, label, vmerge="restart"), _cell(d, cells[1].strip()),
                         _cell(d, fig(green[current[0]][YEARS[0]]))])
        elif label == "" and current and re.fullmatch(r"\d{4} 年", cells[1].strip()):
            rows.append([_cell(d, vmerge="continue"), _cell(d, cells[1].strip()),
                         _cell(d, fig(green[current[0]][cells[1].strip()[:4]]))])
        elif label == "" and current:
            rows.append([_cell(d, vmerge="continue"), _cell(d, cells[1].strip()), _cell(d, green[current[1]])])
            current = None
        elif label == "是否建立集群碳排放监测机制":
            lead, labels, _ = box_labels(cells[1])
            labels[-1] = labels[-1].split("（")[0]
            rows.append([_cell(d, label), _raw_cell([d.p(d.boxes(labels, {green["carbon_monitoring"]})
                                                          + _run("（如涉及，需提供佐证材料）"), raw=True)], 2)])
        elif label in singles:
            rows.append([_cell(d, label), _cell(d, fig(singles[label]), 2)])
        elif label == "是否高于行业平均水平":
            _, labels, _ = box_labels(cells[1])
            rows.append([_cell(d, label), _raw_cell([d.p(d.boxes(labels, {green[next(above)]}), raw=True)], 2)])
        elif label == "集群已开展的绿色低碳相关工作":
            _, labels, note = box_labels(cells[1])
            ticked = _labels_of(labels, "green.green_actions", green["green_actions"])
            rows.append([_cell(d, label), _raw_cell([d.p(d.boxes([x], ticked), raw=True) for x in labels]
                                                     + [d.p(note)], 2)])
        elif label.startswith("集群绿色制造体系建设水平"):
            name, note = label.split(" (", 1)
            rows.append([_raw_cell([d.p(name), d.p("(" + note)], vmerge="restart"), _cell(d, _plain(cells[1])),
                         _cell(d, "数量： {0}个\n名称： {1}".format(green["green_system"]["national"]["count"],
                                                            "、".join(green["green_system"]["national"]["names"])))])
        elif label in ("省级绿色制造体系建设情况", "其他绿色制造体系建设情况"):
            key = "provincial" if label.startswith("省") else "other"
            nc = green["green_system"][key]
            rows.append([_cell(d, vmerge="continue"), _cell(d, label),
                         _cell(d, f"数量： {nc['count']}个\n名称： {'、'.join(nc['names']) or '无'}")])
    d.table(3, rows)

    # 六、开放合作情况
    d.para("六、开放合作情况")
    lines = seed_part("## 六、开放合作情况", "## 七、治理和服务水平")
    rows = []
    for line in lines:
        cells = line.split("\t")
        label = _plain(cells[0])
        if label.startswith("集群国际合作交流总体情况"):
            rows.append([_cell(d, label), _cell(d, opn["intl_text"])])
        elif label == "集群已开展的国际合作交流活动":
            _, labels, note = box_labels(cells[1])
            ticked = _labels_of(labels, "open.intl_actions", opn["intl_actions"])
            rows.append([_cell(d, label), _raw_cell([d.p(d.boxes(labels, ticked, "  ") + _run(note), raw=True)])])
        elif label.startswith("集群或集群内企业在境外设立分支机构数量"):
            nc = opn["overseas_branches"]
            rows.append([_cell(d, label), _cell(d, f"{nc['count']} 个（{'、'.join(nc['names'])}）（需提供清单及相关佐证材料）")])
    d.table(2, rows)

    # 七、治理和服务水平
    d.para("七、治理和服务水平")
    lines = seed_part("## 七、治理和服务水平", "## 八、未来三年中小企业特色产业集群发展规划")
    rows = []
    platform_keys = iter(["national", "provincial", "other"])
    for line in lines:
        cells = line.split("\t")
        label = _plain(cells[0])
        if label.startswith("集群内产业联盟组织情况"):
            rows.append([_cell(d, label, 2), _cell(d, _named(gov["alliances"]))])
        elif label.startswith("集群发展环境情况"):
            rows.append([_cell(d, label, 2), _cell(d, gov["environment_text"])])
        elif label == "集群已开展的发展环境治理工作":
            _, labels, note = box_labels(cells[1])
            ticked = _labels_of(labels, "governance.environment_actions", gov["environment_actions"])
            rows.append([_cell(d, label, 2), _raw_cell([d.p(d.boxes(labels, ticked, "  ") + _run(note), raw=True)])])
        elif "公共服务示范平台名称及数量" in label or "公共服务示范平台名称及数量" in _plain(cells[1] if len(cells) > 1 else ""):
            first = "公共服务平台建设情况" in label
            part_label = _plain(cells[1])
            key = next(platform_keys)
            outer = _cell(d, label, vmerge="restart") if first else _cell(d, vmerge="continue")
            rows.append([outer, _cell(d, part_label), _cell(d, _named(gov["service_platforms"][key]))])
        elif label == "集群提供中小企业公共服务情况":
            lead_line, rest = cells[1].split("</p>", 1)
            _, labels, note = box_labels(rest)
            ticked = _labels_of(labels, "governance.public_services", gov["public_services"])
            rows.append([_cell(d, label, 2), _raw_cell([d.p(_plain(lead_line)), d.p(d.boxes(labels, ticked, "  "), raw=True),
                                                        d.p(note or "(注: 勾选需提供佐证材料)")])])
    d.table(3, rows)

    # 八: prose under the seed's headings; the target table; 阶段性目标.
    lines = seed_part("## 八、未来三年中小企业特色产业集群发展规划", "## 九、真实性声明及推荐意见")
    d.para("八、未来三年中小企业特色产业集群发展规划")
    prose = plan_prose(plan)
    targets = plan["targets"]
    target_rows = {"近三年集群产值年均增速": ("output_cagr", "%"), "优质中小企业数量": ("quality_sme_count", ""),
                   "研发经费投入": ("rd_spend", "亿元"), "有效发明专利数量": ("invention_patents", ""),
                   "工业互联网普及率": ("iip_rate", ""), "二氧化碳排放量": ("co2", ""), "单位工业产值能耗": ("energy_intensity", "")}
    table_rows: list = []
    deferred: list[str] = []
    for line in lines:
        text = re.sub(r"^#+\s*", "", line).strip()
        cells = line.split("\t")
        if len(cells) >= 3 and cells[0].strip() in ("方向",):
            table_rows.append([_cell(d, c.strip()) for c in cells])
            continue
        if len(cells) >= 3:
            first, label = cells[0].strip(), cells[1].strip()
            merged = _cell(d, first, vmerge="restart") if first else _cell(d, vmerge="continue")
            if label in target_rows:
                key, unit = target_rows[label]
                got = targets[key]
                base = fig(got["base"]) + unit + (f" {got['unit']}" if got.get("unit") else "")
                table_rows.append([merged, _cell(d, label), _cell(d, base), _cell(d, fig(got["target"]) + unit)])
            elif label == "定性描述":
                part = {"开放合作": "open", "治理和服务": "governance"}[first]
                table_rows.append([_cell(d, first), _cell(d, label), _cell(d, plan["qualitative_targets"][part], 2)])
            else:
                table_rows.append([merged, _cell(d, label), _cell(d), _cell(d)])
            continue
        if table_rows and not text.startswith(("开放合作", "治理和服务", "其它")):
            d.table(4, table_rows)
            table_rows = []
        if text in prose:
            d.para(text)
            pending = list(prose[text])  # written under the form's guidance, if it has one
            if not _GUIDANCE_NEXT.get(text):
                for body in pending:
                    d.para(body)
                pending = []
            deferred = pending
        elif text.startswith("(1)") or text.startswith("(2)") or text.startswith("(3)"):
            year = text.split()[1]
            d.para(text)
            d.para(plan["stage_goals"][year])
        else:
            d.para(text)
            if text.startswith("包括"):  # the form's guidance, left in place as applicants often do
                for body in deferred:
                    d.para(body)
                deferred = []
    if table_rows:
        d.table(4, table_rows)

    # 九: signatures, not data.
    d.para("九、真实性声明及推荐意见")
    decl = seed_part("## 九、真实性声明及推荐意见", "# 中小企业特色产业集群认定标准")
    rows = []
    for line in decl:
        cells = line.split("\t")
        if len(cells) >= 2:
            rows.append([_cell(d, cells[0].strip()), _cell(d, "\n".join(re.findall(r"<p>(.*?)</p>", cells[1])) or _plain(cells[1]))])
    d.table(2, rows)
    return package(d.xml())


# Headings of 八 the seed follows with a printed guidance paragraph ("包括…").
_GUIDANCE_NEXT = {"一、集群基本情况简介": True, "二、发展成效": True}


def _labels_of(labels: list[str], path: str, keys: list[str]) -> set[str]:
    """The seed's labels of the boxes ``keys`` (the n-th label is the n-th option, seed order)."""
    order = OPTION_ORDER[path]
    return {labels[order.index(k)] for k in keys}


# The options of each box field in the seed's order (the example names them by key).
OPTION_ORDER = {
    "industry.chain_actions": ["chain_map", "challenge_list", "innovation_consortium", "academia",
                               "supply_sales_coordination", "chain_leader", "advanced_cluster", "supply_risk"],
    "industry.resource_actions": ["equipment_sharing", "service_sharing", "hr_sharing", "joint_purchasing", "shared_workshop"],
    "industry.quality_actions": ["quality_model", "quality_diagnosis", "brand_mechanism", "collective_mark"],
    "digital.service_actions": ["solution_provider", "common_solution", "integration_system", "maturity_assessment"],
    "digital.new_model_actions": ["national_pilot", "provincial_pilot", "promotion"],
    "green.green_actions": ["energy_diagnosis", "carbon_accounting", "recycling", "cleaner_production", "green_solution"],
    "open.intl_actions": ["intl_mechanism", "overseas_park", "intro_tech_talent", "expo", "intl_seminar"],
    "governance.environment_actions": ["promotion_body", "policy_outreach", "rights_protection", "service_evaluation",
                                       "safety_control", "digital_governance"],
    "governance.public_services": ["information", "startup", "innovation", "training", "marketing", "financing", "consulting"],
}


def _text_and_box_rows(d: Doc, lines: list[str], texts: dict, ticks: dict) -> list:
    rows = []
    for line in lines:
        cells = line.split("\t")
        label = _plain(cells[0])
        if label in texts:
            rows.append([_cell(d, label), _cell(d, texts[label], 3)])
        elif label in ticks:
            key, section = ticks[label]
            _, labels, note = box_labels(cells[1] if len(cells) > 1 else "")
            path = {"chain_actions": "industry.chain_actions", "resource_actions": "industry.resource_actions",
                    "quality_actions": "industry.quality_actions"}[key]
            ticked = _labels_of(labels, path, section[key])
            paras = [d.p(d.boxes([x], ticked), raw=True) for x in labels] + [d.p(note or "(注：勾选需提供佐证材料)")]
            rows.append([_cell(d, label), _raw_cell(paras, 3)])
    return rows


def plan_prose(plan: dict) -> dict[str, list[str]]:
    """What the applicant writes under each heading of 八 (the example's text, split)."""
    parts = plan["plan_text"].split("\n")
    by_heading = {parts[i]: [parts[i + 1]] for i in range(0, len(parts) - 1, 2)}
    four = by_heading.pop("四、未来三年中小企业特色产业集群发展规划")[0]
    pieces = re.split(r"（[一二三四]）", four)[1:]
    heads = ["(一) 总体思路", "(二) 发展目标", "(三) 重点任务", "(四) 保障措施"]
    by_heading["四、未来三年中小企业特色产业集群发展规划"] = []
    for head, piece in zip(heads, pieces):
        body = piece.split("：", 1)[1]
        by_heading[head] = [] if head == "(二) 发展目标" else [body]
    return by_heading


def expected_plan_text(plan: dict) -> str:
    """plan_text as the reader should gather it: headings and the applicant's text, in order,
    the form's printed guidance, the target table, 备注 and 阶段性目标 left out."""
    prose = plan_prose(plan)
    order = ["一、集群基本情况简介", "二、发展成效", "三、存在的问题", "四、未来三年中小企业特色产业集群发展规划",
             "(一) 总体思路", "(二) 发展目标", "(三) 重点任务", "(四) 保障措施"]
    out = []
    for head in order:
        out.append(head)
        out.extend(prose[head])
    return "\n".join(out)
