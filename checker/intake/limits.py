"""Every limit on what a file may make the checker do, and the refusal naming it.

A real 申报表 is a few hundred rows and a document.xml of well under a megabyte; the
limits are far above that and far below what would exhaust a browser tab. Each
refusal is one Chinese line, formatted here once at import: the error path only
raises a prepared constant, so it cannot itself fail for want of memory.
"""

from __future__ import annotations

MB = 1024 * 1024

# Whole files.
MAX_FILE_BYTES = 64 * MB       # any file (a .docx full of pictures is tens of MB)
MAX_TEXT_BYTES = 20 * MB       # a text file (JSON, pasted rows, .csv)
# ZIP containers (.docx, .xlsx): checked on the central directory before inflating
# anything, and again on the bytes actually inflated.
MAX_MEMBERS = 5000
MAX_PART_BYTES = 50 * MB       # one XML part, declared and inflated
MAX_INFLATED_BYTES = 100 * MB  # every part read from one file, together
MAX_RATIO = 200                # inflated / compressed, for parts above RATIO_FLOOR
RATIO_FLOOR = 1 * MB
# Spreadsheets.
MAX_SHEET_ROW = 10_000         # the highest row number (r="…") of a sheet
MAX_SHEET_COLUMN = 256         # the highest column (IV) holding a value
MAX_CELLS = 200_000            # cells holding a value, all sheets together
MAX_SHARED_STRINGS = 100_000
MAX_SHARED_CHARS = 10_000_000  # all shared strings together
# Word documents.
MAX_TABLE_DEPTH = 8            # tables nested in tables
MAX_BLOCK_ROWS = 20_000        # paragraphs and table rows of one document
MAX_ROW_CELLS = 64


class Refused(ValueError):
    """A file the checker will not read; ``str()`` is one Chinese line naming the cause."""


def _mb(n: int) -> str:
    return f"{n // MB} MB"


EMPTY = "文件为空（0 字节），请重新选择填好的文件。"
TOO_BIG = f"文件超过 {_mb(MAX_FILE_BYTES)}（本程序的上限），不像一份申报材料，请检查是否选错了文件。"
TEXT_TOO_BIG = f"文字文件超过 {_mb(MAX_TEXT_BYTES)}（本程序的上限），不像一份申报材料，请检查是否选错了文件。"
ZIP_CORRUPT = "文件已损坏或不完整（不是有效的 .docx/.xlsx 压缩包），无法打开；请在 Word、WPS 或 Excel 中重新保存后再上传。"
ZIP_MEMBERS = f"压缩包内的文件超过 {MAX_MEMBERS} 个（本程序的上限），不像 Word 或 Excel 文件，未读取。"
ZIP_PART = (f"文件中有一个部件解压后超过 {_mb(MAX_PART_BYTES)}（本程序的上限），不像申报表，"
            "可能是“压缩炸弹”，未读取。")
ZIP_TOTAL = (f"文件中要读取的部件解压后合计超过 {_mb(MAX_INFLATED_BYTES)}（本程序的上限），不像申报表，"
             "可能是“压缩炸弹”，未读取。")
ZIP_RATIO = (f"文件中有一个部件的压缩比超过 {MAX_RATIO} 倍（本程序的上限），不像正常的 Office 文件，"
             "可能是“压缩炸弹”，未读取。")
ZIP_ENCRYPTED = "压缩包中的文件设置了密码，无法读取；请取消密码后再上传。"
ZIP_MISSING_PART = "文件缺少必需的部件，已损坏或不完整；请在 Word、WPS 或 Excel 中重新保存后再上传。"
XML_DTD = "文件中的 XML 含有文档类型定义（DTD）或实体声明，正常的 Office 文件没有这些，为安全起见未读取。"
XML_BROKEN = "文件中的 XML 内容已损坏，无法读取；请在 Word、WPS 或 Excel 中重新保存后再上传。"
SHEET_ROWS = f"工作表的行号超过 {MAX_SHEET_ROW}（本程序的上限），不像本站的 .xlsx 模板，未读取。"
SHEET_COLUMNS = f"工作表中有数据的列超过 {MAX_SHEET_COLUMN} 列（本程序的上限），不像本站的 .xlsx 模板，未读取。"
SHEET_CELLS = f"工作簿中有数据的单元格超过 {MAX_CELLS} 个（本程序的上限），不像本站的 .xlsx 模板，未读取。"
SHARED_STRINGS = (f"工作簿的共享字符串超过 {MAX_SHARED_STRINGS} 个或合计超过 {MAX_SHARED_CHARS} 个字符"
                  "（本程序的上限），不像本站的 .xlsx 模板，未读取。")
DOC_NESTING = f"文档中表格嵌套超过 {MAX_TABLE_DEPTH} 层（本程序的上限），不像申报表，未读取。"
DOC_ROWS = f"文档的段落和表格行超过 {MAX_BLOCK_ROWS} 个（本程序的上限），不像申报表，未读取。"
MEMORY = "文件太大或太复杂，读取时内存不足，未读取；请检查是否选错了文件。"
INTERNAL = "读取这个文件时程序出错，未能读取；请把文件反馈给网站维护者，或复制表格内容粘贴。"
