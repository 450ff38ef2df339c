# Caps on open tickets (issue 16).

# $max >= 1: the system's cap
capacity-system-full = { $max ->
    [one] This ticket system already has its 1 open ticket. Please try again later.
   *[other] This ticket system already has its { NUMBER($max) } open tickets. Please try again later.
}
# $max >= 1: the server's cap
capacity-server-full = { $max ->
    [one] This server already has its 1 open ticket. Please try again later.
   *[other] This server already has its { NUMBER($max) } open tickets. Please try again later.
}
