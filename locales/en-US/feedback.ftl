## The member's rating of a closed ticket (issue 15): 1 to 5 under the summary, then an
## optional comment in a dialog. Replies in the clicker's language.

# $stars: 1 to 5 (a button's label)
feedback-button = { NUMBER($stars) }
# At most 45 characters. $number: the ticket's number; $stars: the rating chosen
feedback-modal-title = Ticket #{ NUMBER($number, useGrouping: 0) }: { NUMBER($stars) }/5
feedback-comment-label = A comment (optional)
feedback-comment-placeholder = What went well, what could be better?
feedback-thanks = Thank you! You rated this ticket { NUMBER($stars) }/5.
feedback-already = You already rated this ticket { NUMBER($stars) }/5: the first rating is kept.
feedback-not-opener = Only the member who opened this ticket may rate it.
feedback-closed = This ticket no longer asks for a rating.

## The log channel, in the server's language. $member: the opener (a mention that pings
## nobody); $number: the ticket's number; $stars: 1 to 5; $comment: what they wrote, quoted
feedback-log = ⭐ Ticket #{ NUMBER($number, useGrouping: 0) } rated { NUMBER($stars) }/5 by { $member }.
feedback-log-comment = ⭐ Ticket #{ NUMBER($number, useGrouping: 0) } rated { NUMBER($stars) }/5 by { $member }:
    { $comment }

## /ticket info, in the viewer's language. $when: a date and time
feedback-info-field = Rating
feedback-info-value = { NUMBER($stars) }/5, { $when }
feedback-info-none = Not rated yet
config-feedback-no-log = ratings are kept and shown in /ticket info but posted nowhere: set channels.log to see them in a channel
