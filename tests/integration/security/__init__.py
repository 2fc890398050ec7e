"""Leak tests: nothing of restricted content reaches a viewer who may not see it."""
