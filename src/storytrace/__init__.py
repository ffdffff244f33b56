"""storytrace: trace a news story across outlets.

Stages (one module each): ingest → normalize → store → reuse → provenance → claims → compare →
report. This package root stays light so that ``storytrace --help`` starts fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
