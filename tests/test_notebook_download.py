"""A notebook downloaded from the site runs on its own: in a fresh environment without
``nnref``, its first cell installs the wheel the site publishes, and every cell prints what
the page shows (compared as the doc-test layer compares).

The site is served locally. The notebook names the wheel at the URL the site was built for
(``tests/site_build.SITE_URL``), which nothing listens on: the server here is also given to
pip as its proxy, so the notebook is run exactly as downloaded and the request for that URL
is answered from the built site (and recorded). pip may use nothing else (``PIP_NO_INDEX``).
"""

from __future__ import annotations

import functools
import http.server
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import nbformat
import pytest

from tests.doclayer.compare import compare
from tests.site_build import SITE_URL, BuiltSite

LESSON = "part1/one-neuron/"
SITE = urlsplit(SITE_URL)

RUNNER = """
import json, sys
import nbformat
from nbclient import NotebookClient
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True).execute()
nbformat.write(notebook, sys.argv[2])
"""


class _SiteAndProxy(http.server.SimpleHTTPRequestHandler):
    """The built site under the site's path; as a proxy, requests for the site's own URL."""

    proxied: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if path.startswith(("http://", "https://")):  # a proxy request: only for the site
            self.proxied.append(path)
            if not path.startswith(SITE_URL):
                return str(Path(self.directory) / ".not-in-the-site")
            path = SITE.path + path.removeprefix(SITE_URL)
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SITE.path):
            return str(Path(self.directory) / ".not-in-the-site")
        return super().translate_path("/" + path.removeprefix(SITE.path))


@pytest.fixture
def server(built_site: BuiltSite) -> Iterator[tuple[str, list[str]]]:
    proxied: list[str] = []
    handler = type("Handler", (_SiteAndProxy,), {"proxied": proxied})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(built_site.path)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", proxied
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _fresh_environment(directory: Path) -> Path:
    """A new virtual environment with pip, a kernel, nbclient and NumPy (the versions of
    this one, from uv's cache), and no nnref."""
    uv = shutil.which("uv")
    assert uv, "uv is needed to make a fresh environment (pip install uv)"
    subprocess.run([uv, "venv", "--quiet", "--seed", "--python", sys.executable,
                    str(directory)], check=True)
    python = directory / "bin" / "python"
    wanted = [f"{name}=={importlib.metadata.version(name)}"
              for name in ("ipykernel", "nbclient", "numpy")]
    command = [uv, "pip", "install", "--quiet", "--python", str(python), *wanted]
    if subprocess.run([*command, "--offline"], capture_output=True).returncode != 0:
        subprocess.run(command, check=True)  # not all in the cache: from the index
    return python


def _stdout(cell: dict) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def test_a_downloaded_notebook_installs_nnref_from_the_site_and_reproduces_its_outputs(
    server: tuple[str, list[str]], tmp_path: Path
) -> None:
    origin, proxied = server
    lesson_url = origin + SITE.path + LESSON
    page = urlopen(lesson_url).read().decode()
    link = re.search(r'<a class="md-button" href="([^"]+\.ipynb)" download(?:="")?>', page)
    assert link, "the lesson page has no download link"
    downloaded = urlopen(urljoin(lesson_url, link[1])).read()
    notebook_path = tmp_path / "lesson.ipynb"
    notebook_path.write_bytes(downloaded)
    notebook = nbformat.reads(downloaded.decode(), as_version=4)
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    expected = [_stdout(c) for c in code]

    python = _fresh_environment(tmp_path / "env")
    runner = tmp_path / "run.py"
    runner.write_text(RUNNER)
    work = tmp_path / "work"  # the kernel's directory: nothing of the course in it
    work.mkdir()
    # A reader's environment: none of this process's Python, pip or Jupyter settings (a
    # PYTHONPATH reaching the course's own nnref would make the install cell a no-op).
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("no_proxy", "http_proxy", "https_proxy", "all_proxy")
           and not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV", "JUPYTER"))}
    env.update({
        "PIP_PROXY": origin, "PIP_NO_INDEX": "1", "PIP_NO_CACHE_DIR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1", "JUPYTER_PATH": str(tmp_path / "jupyter"),
        "JUPYTER_DATA_DIR": str(tmp_path / "jupyter"), "PYTHONNOUSERSITE": "1",
        "PATH": f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
    })
    missing = subprocess.run([str(python), "-c", "import nnref"], cwd=work, env=env,
                             capture_output=True)
    assert missing.returncode != 0, "the fresh environment already has nnref"
    ran = tmp_path / "ran.ipynb"
    result = subprocess.run([str(python), str(runner), str(notebook_path), str(ran)],
                            cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]

    wheels = [url for url in proxied if url.endswith(".whl")]
    assert wheels and all(url.startswith(SITE_URL + "downloads/nnref-") for url in wheels), \
        f"pip asked the proxy for {proxied}"
    cells = [c for c in nbformat.read(ran, as_version=4).cells if c.cell_type == "code"]
    failures = []
    for number, (cell, shown) in enumerate(zip(cells, expected, strict=True), start=1):
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        if errors:
            failures.append(f"cell {number}: {errors[0]['ename']}: {errors[0]['evalue']}")
        elif not compare(shown, _stdout(cell)).matches:
            failures.append(f"cell {number}: printed\n{_stdout(cell)}\npage shows\n{shown}")
    assert len(cells) >= 5 and not failures, "\n".join(failures)
