## Handlers into private thread tickets: the Join notice (server's language) and its button.

# $number, $topic, $member (the opener), $channel (the thread), $handlers (role mentions),
# $count (how many handler roles)
handler-join-notice = 🔔 Ticket #{ NUMBER($number, useGrouping: 0) } ({ $topic }) was opened by { $member }: { $channel }. { $count ->
        [0] Staff can join it with the button below.
       *[other] { $handlers }: join it with the button below.
    }
handler-join-notice-released = 🔓 Ticket #{ NUMBER($number, useGrouping: 0) } ({ $topic }) of { $member } is no longer claimed: { $channel }. { $count ->
        [0] Staff can join it again with the button below.
       *[other] { $handlers }: join it again with the button below.
    }
handler-join-button = Join the ticket

## Answers to a click on Join (the clicker's language)

handler-join-done = You're in ticket #{ NUMBER($number, useGrouping: 0) }: { $channel }
handler-join-closed = Ticket #{ NUMBER($number, useGrouping: 0) } is closed: it can't be joined any more.
handler-join-claimed = { $staff } has claimed ticket #{ NUMBER($number, useGrouping: 0) } and handles it alone for now.
handler-join-go = This ticket is a channel you can already open: { $channel }
handler-join-bot-cannot = I can't add you to this thread: I'm missing Manage Threads or Send Messages in Threads in its channel. Please ask a server administrator.
handler-join-cannot-see = I can't add you to this thread: you can't see the channel it is in.
