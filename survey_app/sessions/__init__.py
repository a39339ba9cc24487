"""Sessions: organisations, programmes, links and codes, printable sheets, response counts."""
