"""Reuse engine: candidates, alignment (verbatim, near-verbatim, paraphrase), classification."""
