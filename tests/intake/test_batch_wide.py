"""The wide paste (one column per cluster) folded back into Row-contract texts."""

from __future__ import annotations

import csv
import io

from checker.intake.wide import is_wide, split_wide
from checker.law.pack import load_catalogue
from checker.law.rows import header

CAT = load_catalogue()
Y0, Y1, Y2 = CAT.years


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


def test_years_of_one_field_share_a_line_and_the_year_may_sit_mid_key():
    text = ("键\t甲\t乙\n"
            f"industry.total_output.{Y0}\t68.20\t50.00\n"
            f"industry.total_output.{Y2}\t86.40\t60.00\n"
            f"innovation.standards.{Y1}.national.lead\t1\t0\n"
            "basic.land_area_km2\t36.50\t12.00\n")
    (title_a, a), (title_b, b) = split_wide(text)
    assert (title_a, title_b) == ("甲", "乙")
    assert rows_of(a) == [
        list(header(CAT)),
        ["industry.total_output", "", "", "", "68.20", "", "86.40"],
        ["innovation.standards.national.lead", "", "", "", "", "1", ""],
        ["basic.land_area_km2", "", "", "36.50", "", "", ""],
    ]
    assert rows_of(b)[1] == ["industry.total_output", "", "", "", "50.00", "", "60.00"]


def test_labels_with_years_and_quoted_cells_survive():
    text = ('栏目\t甲\t乙\n'
            f'集群总产值（亿元）（{Y0} 年）\t68.20\t50.00\n'
            f'集群总产值（亿元）（{Y1} 年）\t76.90\t55.00\n'
            'innovation.platforms.provincial.names\t"甲中心\n乙中心"\t\n')
    (_, a), (_, b) = split_wide(text)
    assert rows_of(a)[1] == ["", "集群总产值（亿元）", "", "", "68.20", "76.90", ""]
    assert rows_of(a)[2] == ["innovation.platforms.provincial.names", "", "", "甲中心\n乙中心", "", "", ""]
    # An empty cell is not a row of that cluster.
    assert len(rows_of(b)) == 2


def test_a_cluster_column_without_a_name_is_numbered():
    text = "集群名称\t甲集群\t\t丙集群\n basic.land_area_km2\t1.00\t2.00\t3.00\n"
    assert is_wide(text)
    assert [title for title, _ in split_wide(text)] == ["甲集群", "第 2 列", "丙集群"]
    # The 集群名称 row is data too: each column keeps its own name.
    assert rows_of(split_wide(text)[2][1])[1] == ["", "集群名称", "", "丙集群", "", "", ""]
