"""Judging an Application against the rules of a pack, and the report.

``evaluate.report_dict(app, pack)`` runs every check (``checks/``, over the figures of
``facts`` with the decimal arithmetic of ``arith``) and assembles the report;
``report.evaluate`` returns it as its validated pydantic model.
"""
