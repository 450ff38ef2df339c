"""Guichet: a multilingual, configuration-as-code Discord ticket bot."""
