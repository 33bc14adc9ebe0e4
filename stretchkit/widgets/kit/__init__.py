"""The shared kit: the panel, buttons, styles, form kit and field errors, the current client
and its picker, and the screens both the workbook and the dashboard show."""
