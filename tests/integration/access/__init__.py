"""Accounts, roles and restricted content: who may see and download what."""
