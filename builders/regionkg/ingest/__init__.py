"""Reading reports from disk: encodings, input formats, boilerplate."""
