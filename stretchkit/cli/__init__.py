"""The ``stretchkit`` command: ``main`` builds the parser; one module per command group
(``backup``, ``links``, ``servers``).

The outermost edge: may import anything in the package.
"""
