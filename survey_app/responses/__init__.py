"""Responses in and out: paper imports, import templates and data exports."""
