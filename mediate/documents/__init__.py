"""The Word documents that go to court: kinds, context, rendering, lint and PDF.

`render.py` is deliberately light (jinja2 + zipfile): batch workers import only it.
"""
