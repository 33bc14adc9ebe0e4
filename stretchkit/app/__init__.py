"""Launching things: the trainer workbook, demo data, and (later) the client dashboard."""
