"""The staff dashboard (``guichet web``): sign in with Discord, find any ticket, read and
search transcripts, act on tickets. See :mod:`bot.dashboard.app`; the Discord wiring is in
:mod:`bot.discord_app.dashboard_host`."""
