# /ticket tag (issue 16): canned replies declared in the server file

cmd-ticket-tag-name = tag
cmd-ticket-tag-desc = Post a canned reply in this ticket, in its member's language
cmd-ticket-tag-opt-name-name = name
cmd-ticket-tag-opt-name-desc = The tag to post

# $tag: the tag's label; $number: the ticket's
tags-posted = Tag “{ $tag }” posted in ticket #{ NUMBER($number, useGrouping: 0) }.
# $name: what staff typed
tags-unknown = There is no tag called “{ $name }”. Pick one from the suggestions.
