"""Tianmen S&T plan site: data/ -> validated Plan -> pages, charts and downloads. Imports nothing from MkDocs."""
