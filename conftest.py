"""Project-wide pytest set-up: the doc-test layer and the fixtures its own tests use."""

pytest_plugins = ["tests.doclayer.plugin", "pytester"]

# Pages with deliberate faults: run only by tests/test_doclayer.py, through pytester.
collect_ignore = ["tests/doclayer/fixtures"]
