"""The knowledge base: articles in groups, in several languages, with readers' votes."""
