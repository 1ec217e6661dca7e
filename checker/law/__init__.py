"""The law as data: the 申报表's fields, the 认定标准's rules, the round's pack.

The catalogue (``catalogue``), the rules (``rules``) and a round's rule pack (``pack``:
``load_pack(id)``) are built from ``checker/data``; the row contract (``rows``), the blank
templates (``template``) and every word a user reads (``wording``, ``advice``) come from
them. This part imports no other part of the checker.
"""
