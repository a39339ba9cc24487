"""QR codes for printed sheets: the module matrix, and drawing it as vector shapes."""
