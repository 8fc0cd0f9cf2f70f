"""MkDocs hook: names Material's search dialog, which axe-core reports as a dialog without a name."""

from __future__ import annotations

_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output, page, config):
    return output.replace(_DIALOG, _DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Search"'), 1)


def on_post_template(output, template_name, config):
    # The 404 page is a theme template, not a page: it has the same search dialog.
    return on_post_page(output, None, config) if template_name == "404.html" else output
