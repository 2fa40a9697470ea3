"""The ``newsdesk`` command line: one module per command, each a thin layer over :mod:`newsdesk.jobs`."""
