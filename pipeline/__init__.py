"""The build pipeline: what turns docs/ into the site, under MkDocs or Zensical.

- Markdown extensions (both builders run them): derivation_fences (checked steps), printed
  (checked numbers), figure_fences (figures), notebook_fences (notebooks), report_fences
  (the report, the home page's counts), check_box (the reader's "check your step" box).
- Steps after the build (pipeline/build.py's AFTER): typeset_site (math), previews,
  search_text, browser_checker (the checker's bundle for the box).
- MkDocs hooks, thin adapters for ``mkdocs serve`` calling the same functions: hook,
  previews, accessibility, mathjax_static, search_text, rebuild, notebook_serve.
"""
