"""Claims: quotes with their speakers (``quotes``), numeric claims (``quantities``), entities
with their aliases (``entities``). ``nlp`` loads the shared spaCy pipeline once, offline."""
