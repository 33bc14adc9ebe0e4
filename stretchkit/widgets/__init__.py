"""ipywidgets views of the workbook and the dashboard, thin layers over the services, in three
rooms:

- `kit`: what every screen is built from and what both apps show: the panel and its buttons,
  the stylesheet, the form kit and its field errors, the current client and the client
  picker, and the screens the workbook and the dashboard share (the session timer, the
  back-feel, calendar and symptom report forms, the stretch library).
- `workbook`: the trainer's screens (clients, screening, routine planner, session, progress,
  links, guidance) and the workbook app that puts them in tabs.
- `dashboard`: the client's dashboard, its charts, pictures, stylesheet and page.

`workbook` and `dashboard` each use `kit` and never each other. HTML that needs no widget is
written in `stretchkit.views`; no widget imports a server.
"""
