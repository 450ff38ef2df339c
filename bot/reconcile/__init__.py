"""Reconcile Discord with the server files: desired state → plan → apply through a port.

- ``panels``: render a panel spec into a :class:`~bot.reconcile.panels.PanelMessage` (pure)
- ``desired``: every panel of the loaded servers, rendered
- ``plan``: compare with the store's records → ordered :class:`~bot.reconcile.plan.Plan` (pure)
- ``commands``: slash-command sync planning by payload hash (pure)
- ``safety``: refuse plans that delete too much without ``force``
- ``diff`` / ``render``: what changed, as Fluent-rendered text or stable JSON
- ``port``: the Discord and storage Protocols; ``apply``: run a plan through them
"""
