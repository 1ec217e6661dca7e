"""What every Office file we write shares: one reproducible zip writer (``zips``), the
printed layout of a sheet (``xlsx_layout``) and cells that never run as formulas
(``safe_cells``).
"""
