"""Online sources: the HTTP client and its cache, ORCID, DOI registries, OpenAlex."""
