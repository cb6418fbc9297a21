# A tiny project for the guards of the edition package, built by sphinx.testing
extensions = ["myst_parser", "edition.guards.safe_markup", "edition.guards.section_labels"]
myst_disable_syntax = ["html_inline", "html_block"]  # as the edition's conf.py
exclude_patterns = ["_build"]
