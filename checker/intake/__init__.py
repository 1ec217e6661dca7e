"""Files and clipboard contents as people really send them, read the same way everywhere.

``checker.intake.read.read_file(data, name)`` is the one entry point for bytes: the 在线自评
page, the 批量初审 page and ``python -m checker`` all hand it the file as it came. It
sniffs the content (``sniff``), never trusts the name, and reads:

- text (``textcodec``: BOM, UTF-16/32 with or without BOM, UTF-8, GB18030), then JSON,
  pasted rows (``paste``), 标签：值 lines or our .csv template (``csv_rows``), all by
  ``parse.parse(text, cat)``;
- a filled 申报表 .docx (``docx``: the official layout or our template) and our .xlsx
  template (``xlsx``), both through one bounded ZIP reader (``zipguard``) and one XML
  reader that refuses DTDs (``xmlsafe``);
- a clipboard's text/html flavour or a Word "web page" (``html``).

Tables of a .docx or an HTML page become rows of cells (``blocks``) with where each row
came from; ``layout`` knows the 申报表's non-data parts (填报说明, 八's prose, 九) and hands
the rows to the row reader (``paste``). What cannot be read is refused with one Chinese
line that names the cause (``limits``). The 批量初审's wide tables, one cluster a column,
are split here too (``wide``). Everything read is an ``Application`` (``checker.law``).
"""
