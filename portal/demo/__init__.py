"""Demo content: the data behind ``manage.py seed_demo`` and its PDFs."""
