"""Declared resources (roles, categories, text channels): desired state → plan → apply.

- ``state``: the declared state of each resource in terms of keys, its hash, and Discord's
  observed state read back in the same terms (pure)
- ``plan``: compare with the store's records (and, refreshed, with Discord) (pure)
- ``port``: the Discord and storage Protocols; ``apply``: run a plan through them
- ``render``: the plan and the apply report as Fluent text or JSON
- ``sync``: the one path shared by ``guichet plan/apply`` and the running bot
"""
