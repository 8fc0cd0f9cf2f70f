"""The build pipeline: what turns docs/ into the site, under MkDocs or Zensical.

Markdown extensions (both builders run them): derivation_fences, printed, figure_fences.
Steps over the built HTML: mathjax_static (math typeset at build time), typeset_site.
MkDocs hooks (MkDocs only): hook (the report), previews, accessibility, notebooks,
search_text, rebuild.
"""
