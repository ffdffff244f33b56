"""Compare: stories, the same claim across articles, conflicts, independent corroboration."""
