"""MkDocs hook: quick rebuilds. The theme's compiled templates are kept, and ``mkdocs serve --dirty`` is made right.

Templates: MkDocs makes a new Jinja environment at every build, so Material's ~46
templates were compiled again each time (0.3 s of a warm build, half of a page's
rebuild under serve). Jinja's own bytecode cache keeps them in ``.build-cache/templates/``;
Jinja reads a kept one only if its template's source is unchanged.

``make serve`` runs ``mkdocs serve --dirty``: MkDocs renders again only the pages
saved since the last build. A saved page is rendered whole, so every check of it
runs as in a full build. What ``--dirty`` alone gets wrong is put right here:

- the search index: Material's own merge drops the previous entries under the URL of
  the first page rebuilt (the home page's URL, "", is a prefix of every URL); here each
  page rendered now replaces its own entries, and the others' are kept, in the nav's order;
- links to an anchor of a page not rendered now are checked against the anchors that page
  had when it was last rendered, and its own links to the saved page are checked again;
- a changed ``mkdocs.yml`` (the nav, an extension) renders every page again.

The report and the home page's counts depend on every page: pipeline/hook.py renders
them again when the counts or the report change.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority
from mkdocs.utils import DuplicateFilter

TEMPLATES = Path(".build-cache") / "templates"  # below the project root, as the other caches
_dirty: list[bool] = [False]
_config_hash: list[str] = []  # mkdocs.yml as the last build read it
_anchors: dict[str, set[str]] = {}  # by page (src_uri): its anchors when last rendered
_links: dict[str, dict[str, dict[str, str]]] = {}  # by page: the anchors it links to, by target page
_entries: dict[str, list[dict]] = {}  # by page URL: its search entries when last rendered
_pages: list = []  # this build's documentation pages (File), in the order MkDocs builds them


def on_startup(command, dirty):
    """Whether this is ``mkdocs serve --dirty``; if so, MkDocs' warning at each rebuild is not printed."""
    _dirty[0] = dirty
    if dirty:
        # "A 'dirty' build is being performed, this will likely lead to inaccurate navigation and other links":
        # what it would get wrong is put right here, and a warning at every save is one no contributor can act on.
        logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_pre_build(config):
    """Each build prints its errors and warnings, even those an earlier build under serve printed already."""
    # MkDocs' filter of repeated messages lives as long as the process: under serve, a wrong step saved a
    # second time (or a broken link) was reported with no message, only "Aborted with a BuildError!".
    for drop in logging.getLogger("mkdocs.commands.build").filters:
        if isinstance(drop, DuplicateFilter):
            drop.msgs.clear()


def render_again(file) -> None:
    """Make ``mkdocs serve --dirty`` render this page in the coming build: its output dated older than its source."""
    if os.path.exists(file.abs_dest_path):
        os.utime(file.abs_dest_path, (0, 0))


def on_nav(nav, config, files):
    """Every page rendered again when mkdocs.yml changed (under --dirty)."""
    _pages[:] = files.documentation_pages()
    digest = hashlib.sha256(Path(config.config_file_path).read_bytes()).hexdigest()
    if _dirty[0] and _config_hash and _config_hash[0] != digest:
        for file in files.documentation_pages():
            render_again(file)
    _config_hash[:] = [digest]
    return nav


def on_env(env, config, files):
    """Templates from .build-cache/templates/; the anchors and links of pages not rendered now, as last rendered."""
    folder = Path(config.config_file_path).parent / TEMPLATES
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    # Every page is read by now (rendered, or skipped by --dirty); the links are checked after all are built.
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if page.content is not None and page.present_anchor_ids is not None:
            _anchors[file.src_uri] = set(page.present_anchor_ids)
            _links[file.src_uri] = {to.src_uri: dict(links) for to, links in (page.links_to_anchors or {}).items()}
        elif page.content is None and file.src_uri in _anchors:
            page.present_anchor_ids = _anchors[file.src_uri]
            targets = {to: files.get_file_from_path(to) for to in _links[file.src_uri]}
            page.links_to_anchors = {targets[to]: dict(v) for to, v in _links[file.src_uri].items() if targets[to]}
    return env


# How often mkdocs serve looks for a saved file: MkDocs polls every 0.5 s, on average a quarter of a
# second between a save and its rebuild; a look at docs/ (a few dozen files) takes about a millisecond.
POLL = 0.1


def on_serve(server, config, builder):
    """Look for saved files every ``POLL`` s under mkdocs serve (its own watcher has no option for it)."""
    observer = getattr(server, "observer", None)
    for part in [observer, *getattr(observer, "emitters", ())]:
        if isinstance(getattr(part, "_timeout", None), int | float):  # watchdog's own attribute, set at creation
            part._timeout = POLL
    return server


@event_priority(100)  # before Material's search plugin writes the index
def on_post_build(config):
    """The search index holds every page (under --dirty: those rendered now, the others as last rendered)."""
    search = config.plugins.get("material/search")
    if search is None or not hasattr(search, "search_index"):
        return
    rendered: dict[str, list[dict]] = {}  # by page URL: the entries of the pages rendered in this build
    for entry in search.search_index.entries:
        rendered.setdefault(entry["location"].split("#")[0], []).append(entry)
    if _dirty[0] and _entries:
        # Every page's entries, in the order a full build writes them; Material's own merge expects one page.
        urls = [file.page.url for file in _pages if file.page is not None]  # the home page: "", its file "./"
        search.search_index.entries = [e for url in urls for e in rendered.get(url, _entries.get(url, []))]
        search.search_index_prev = None
        rendered = {url: rendered.get(url, _entries.get(url, [])) for url in urls}
    _entries.clear()
    _entries.update(rendered)
