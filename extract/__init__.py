"""Markdown notes to typed records: parsing, link identifiers, the NLP pipeline."""
