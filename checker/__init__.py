"""The derivation checker: LaTeX steps in Markdown, checked with sympy and mpmath.

Its command line: ``python -m checker.verify docs/``.
"""
