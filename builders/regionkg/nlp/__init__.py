"""Text units: sentences and paragraphs with character offsets."""
