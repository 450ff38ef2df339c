## Start-up: a member who acts in a server whose data Discord has not sent the bot yet
## (it arrives moments after the bot connects, later during an outage).

guild-not-loaded = { -brand } is still starting in this server. Please try again in a moment.
