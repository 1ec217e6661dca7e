"""Blank templates of the application, generated from the field catalogue at build time.

CPython only (python-docx, openpyxl, PyYAML); the checker never imports this package.
``forms.build.build_all(out_dir)`` writes every file; ``python -m forms.build DIR`` too.
"""
