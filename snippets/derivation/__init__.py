"""The derivation checker: LaTeX steps in Markdown, checked with sympy and mpmath."""
