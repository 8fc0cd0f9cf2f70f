"""The site's tested code: the math in numpy, the derivation checker, its command line."""
