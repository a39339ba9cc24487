"""Safeguarding: term lists, the matcher, concerns raised from free-text answers, the review queue.

Importing this package loads nothing: each module imports what it needs.
"""
