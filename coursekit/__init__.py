"""The course's own machinery: the one reader of its Markdown, and what is built from it.

``coursekit.pages`` parses a page into typed blocks with their source lines; everything that
reads the course's Markdown goes through it: the doc-test layer (``tests/doclayer``), the
MkDocs hooks (``hooks/``, thin adapters), the notebook generator and the tests. Dependencies
point one way: ``hooks`` and ``tests`` import ``coursekit``; ``coursekit`` imports neither,
and ``nnref`` (the learner-facing NumPy package) imports none of the three.

Modules:

- ``project``: where things are (one ``ROOT``, one cache root, the lesson list) and the
  settings every part shares (the palettes, one BLAS thread in worker processes);
- ``pages``: the page model; ``includes``: ``--8<--`` expanded as the site expands it;
  ``quiz``: the quiz fence's syntax;
- ``notebooks``, ``figures``, ``diagrams``: what the build makes from pages, with
  ``workers`` (the one process pool they share).
"""
