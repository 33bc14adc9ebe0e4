"""Use cases that combine the core and the store: what a widget, the dashboard or the command
line calls. Readiness, today's plan, the guided session (recording a session and applying the
in-session safety rules), the client's page, progress and status, history files, the client
list and routine planning. A change made through a service is announced on the app's hub
(``events``), so every open screen showing that client refreshes. A service that reads or
changes a client's record leaves one access-log entry in the same transaction
(``access_record``'s ``@logged``); ``access_view`` reads the log and prunes it.

May import every core package, ``store``, ``charts`` and ``reports``; never widgets or servers.
"""
