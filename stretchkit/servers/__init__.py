"""The servers stretchkit starts, each in a process of its own, and the plumbing of the
dashboard's kernels.

On a laptop: the trainer's workbook (`workbook`: JupyterLab on the workbook's notebooks,
started by `launching`) and the client dashboard (`dashboard_server`: Voila on the dashboard
notebook, with kernels kept ready and a log that never shows a link's key; `dashboard_app` is
that Voila with its page handler serving a client's first view straight from the store and the
kept charts, before any kernel is free; `kernel_forks` starts each of its kernels as a fork of
one process that imported what a kernel needs once). In a dashboard
kernel: `voila_request` reads the client's request as Voila hands it over, and
`dashboard_kernel` is what the dashboard notebook calls around the page (ready, the request,
priority). In a studio: the JupyterHub (`studio_hub`, configured by `studio_config` from
`studio_settings`) running each trainer's workbook (`studio_workbook`) and the dashboard as its
service (`studio_dashboard`), and setting a studio up (`studio_setup`, `studio_accounts`).

May import `errors`, `paths`, `plurals`, `link_tokens` and the store (a studio gives its
trainers and its dashboard their database logins), and the dashboard's HTML for the first view;
knows nothing else of the domain.
"""
