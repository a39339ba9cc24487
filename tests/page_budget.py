"""The pupil first load's budget (ADR 0026), in bytes, from bench/budgets.py's one definition.

WIRE_BYTES counts what crosses the school's Wi-Fi: headers and the body as sent, gzip-compressed
when the browser asks for it (every browser does). DOCUMENT_DECODED_BYTES caps the page's HTML
once unpacked, so that compression never hides a page grown too long for an old tablet to lay out
quickly; DECODED_BYTES caps the whole first load unpacked, the page and its scripts.
"""

from bench.budgets import PAGE_DECODED_KB, PAGE_DOCUMENT_DECODED_KB, PAGE_REQUESTS, PAGE_WIRE_KB

WIRE_BYTES = PAGE_WIRE_KB * 1024
DECODED_BYTES = PAGE_DECODED_KB * 1024
DOCUMENT_DECODED_BYTES = PAGE_DOCUMENT_DECODED_KB * 1024
MAX_REQUESTS = PAGE_REQUESTS
