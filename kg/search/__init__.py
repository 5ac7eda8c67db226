"""Full-text search over the graph's printed texts: an SQLite FTS5 index (trigram tokenizer, so
Chinese is matched as substrings) written beside the graph files by every build."""
