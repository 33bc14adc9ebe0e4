"""The workbook's screens: clients, screening, routine planner, session, progress, links,
guidance, and the app that holds them in tabs."""
