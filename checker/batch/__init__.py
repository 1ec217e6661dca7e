"""The 批量初审: many applications read, screened and compared at once.

``read`` takes the files and pasted texts, ``screen`` judges each and orders them,
``session`` is the page's state, ``export`` writes the filled 推荐汇总表 and the comparison.
"""
