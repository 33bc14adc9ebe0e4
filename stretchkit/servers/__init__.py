"""Starting and stopping the servers: JupyterLab on the trainer's workbook and the Voila
client dashboard, with the dashboard's log filter.

May import ``errors``, ``paths`` and ``link_tokens``; knows nothing of the domain.
"""
