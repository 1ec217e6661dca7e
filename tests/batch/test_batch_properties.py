"""Whatever a reviewer drops, the screening answers for every item and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.batch.screen import screen
from tests.support.properties import examples

names = st.sampled_from(["a.json", "b.xlsx", "c.txt", "d", "粘贴的内容 1", "e.csv"])
contents = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300),
    st.text(alphabet="键栏目值\t\n集群名称甲乙丙0123.,，%亿元是否☑□", max_size=300),
    st.just(b"PK\x03\x04" + b"\x00" * 30),
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(names, contents), min_size=1, max_size=4))
def test_every_item_is_a_row_or_an_unreadable_entry(items):
    result = screen(items)
    seen = {tuple(r["seq"]) for r in result["rows"]} | {tuple(u["seq"]) for u in result["unreadable"]}
    # Every item is answered (a wide table may give several entries for one item).
    assert {index for index, _ in seen} == set(range(len(items)))
    assert [r["rank"] for r in result["rows"]] == list(range(1, len(result["rows"]) + 1))
    for u in result["unreadable"]:
        assert u["reason"] and "校验程序处理这个文件时出错" not in u["reason"]
