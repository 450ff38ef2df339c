# Ticket transcripts: the HTML page and the plain-text file saved when a ticket closes.
# They are written in the server's language. Names, channel names, reasons and
# message contents arrive as plain text; times arrive already formatted.

## Summary at the top

# $number: the ticket number; $guild: the server's name
transcript-page-title = Ticket #{ NUMBER($number, useGrouping: 0) } · { $guild }
transcript-ticket-number = #{ NUMBER($number, useGrouping: 0) }
transcript-header-server = Server
transcript-header-ticket = Ticket
transcript-header-topic = Topic
transcript-header-channel = Channel
transcript-header-opened-by = Opened by
transcript-header-opened-at = Opened
transcript-header-closed-at = Closed
transcript-header-closed-by = Closed by
transcript-header-reason = Reason
transcript-header-no-reason = No reason given
# Shown as "Closed by" when nobody closed the ticket by hand (e.g. automatic closing)
transcript-header-nobody = Automatic
transcript-header-messages = Messages
# $count: the number of messages in the transcript
transcript-message-count = { $count ->
    [one] one message
   *[other] { $count } messages
}
transcript-no-messages = No messages in this ticket.
# $time: a date and time, already formatted
transcript-time-utc = { $time } UTC
transcript-footer = Transcript saved by { -brand }

## Messages

transcript-edited = (edited)
# $time: when the message was last edited
transcript-edited-at = Edited { $time }
transcript-pinned = Pinned
# The tag next to a bot's name, as Discord shows it
transcript-bot-tag = APP
transcript-attachments = Attachments
transcript-attachment = Attachment
transcript-embed = Embed
# $author: the name of the member whose message was answered
transcript-reply-to = Replying to { $author }
transcript-reply-missing = Original message was deleted
# Mentions of members, roles or channels that no longer exist
transcript-unknown-user = unknown-user
transcript-unknown-role = deleted-role
transcript-unknown-channel = deleted-channel

## Discord's system messages ($author: who did it; $content: the name involved, if any)

transcript-system-member-added = { $author } added { $content } to the thread.
transcript-system-member-removed = { $author } removed { $content } from the thread.
transcript-system-channel-renamed = { $author } changed the channel name: { $content }
transcript-system-message-pinned = { $author } pinned a message to this channel.
transcript-system-thread-created = { $author } started a thread: { $content }
transcript-system-member-joined = { $author } joined the server.
transcript-system-other = { $author }: { $content }

## The transcript channel and /ticket transcript

transcript-summary-title = Transcript of ticket #{ NUMBER($number, useGrouping: 0) }
transcript-none = Ticket #{ NUMBER($number, useGrouping: 0) } has no transcript yet: one is saved when it closes.
transcript-here = Transcript of ticket #{ NUMBER($number, useGrouping: 0) } ({ $count ->
        [one] one message
       *[other] { $count } messages
    }).
