"""Pieces every content app uses: Markdown, StreamField blocks, template tags."""
