"""Project-wide pytest set-up: the doc-test layer and the fixtures its own tests use."""

import os
import sys

# The pages' matrix products are small. Multi-threaded OpenBLAS makes them 5 to 40 times
# slower on a loaded 2-core machine (workers then fight over the cores), and can change the
# last bits of a sum between runs. One BLAS thread per process, set before NumPy loads.
assert "numpy" not in sys.modules, "conftest.py must run before NumPy is imported"
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

pytest_plugins = ["tests.doclayer.plugin", "pytester"]

# Pages with deliberate faults: run only by tests/test_doclayer.py, through pytester.
collect_ignore = ["tests/doclayer/fixtures"]
