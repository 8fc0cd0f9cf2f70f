"""The math the pages show, in numpy, tested: each page includes its code from here.

pages/: the values, tables and figures a page prints, one module per page.
"""
