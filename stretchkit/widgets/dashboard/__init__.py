"""The client dashboard: the page a link opens, what it prepares before anyone opens it, its
charts, pictures and stylesheet."""
