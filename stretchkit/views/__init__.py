"""HTML the screens show, written as strings from the core's and services' results: no
ipywidgets here, so the workbook, the dashboard and the tests read the same markup."""
