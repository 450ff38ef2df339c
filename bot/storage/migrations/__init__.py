"""Numbered SQL migrations (``V001__name.sql``...), applied by :mod:`bot.storage.schema`.

Never edit a migration that has shipped: add the next number instead.
"""
