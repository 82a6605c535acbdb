"""Context preparation: the values a template sees, built from a selection."""
