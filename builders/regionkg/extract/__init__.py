"""Pipeline stages that find mentions and facts in a document."""
