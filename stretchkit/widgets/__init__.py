"""ipywidgets views of the workbook and dashboard: thin layers over the core."""
