"""Pieces shared between screens."""
