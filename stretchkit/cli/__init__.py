"""The `stretchkit` command: `main` builds the parser (with the demo, clients, info, export
and import commands); one module per further command group: `servers` (workbook,
dashboard), `backup` (backup, restore), `links` (link), `studio` (store copy, trainer) and
`studio_server` (studio), `access_log` (access-log); `store_option` is the --db option
they share (and names the command line in the access log).

The outermost edge: it calls the services, the store, the demo data and the servers, and
turns a StretchkitError into a plain message; it builds no widget or chart itself.
"""
