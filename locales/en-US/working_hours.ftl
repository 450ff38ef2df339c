## Working hours (issue 15). Out of hours, said to the member who opens (or asks for) a
## ticket, in their language. $opens: when the team is back, a Discord timestamp each reader
## sees as a full date and time in their own language and zone (<t:…:F>); $relative: the
## same moment, relative ("in 3 hours", <t:…:R>)

# Added to "your ticket is open" (or "your request was sent"): it goes ahead anyway
hours-notice = 🕘 Outside working hours: the team is back on { $opens } ({ $relative }).
hours-notice-no-return = 🕘 Outside working hours: no return of the team is planned yet.
# Instead of opening (outside: refuse)
hours-refused = 🕘 Tickets open during working hours only. The team is back on { $opens } ({ $relative }): open yours then.
hours-refused-no-return = 🕘 Tickets open during working hours only, and none are planned yet.

## Validation of a server file

# A ':' inside [...] or {...}: YAML reads it as a key (working hours' times are the usual case)
config-yaml-colon-in-flow = YAML syntax error: a colon inside [...] or { "{" }...{ "}" } (a time such as 09:00?): quote that value, e.g. ["09:00-12:00"], or write it without brackets
hours-expect-ranges = time ranges such as "09:00-12:00, 14:00-18:00" (or a list of them)
hours-expect-date = a date such as 2026-12-25 (year-month-day)
# $zone: the name as written
hours-unknown-zone = { $zone } is not an IANA time zone: write a name such as Europe/Paris or America/New_York (abbreviations such as CET or EST are not zones)
# $suggestion: a known zone close to it
hours-unknown-zone-suggest = { $zone } is not an IANA time zone: did you mean { $suggestion }?
# $zone: the name as written (an abbreviation or a fixed offset)
hours-zone-legacy = { $zone } is an old alias or a fixed offset, not a Region/City: it may not follow the team's daylight saving time (EST never changes, Etc/GMT+5 is 5 hours behind UTC); write the team's Region/City, such as America/New_York or Europe/Paris
# $range: the range as written, quoted
hours-range-malformed = { $range } is not a time range: write HH:MM-HH:MM in 24-hour time, e.g. 09:00-12:30 (24:00 for midnight at the end of a day)
hours-range-empty = { $range } is empty: it starts and ends at the same time
hours-range-end-before-start = { $range } ends before it starts: a range ends on its own day; write 24:00 for midnight and go on from 00:00 on the next day
# $other: the range it overlaps, quoted
hours-range-overlap = { $range } overlaps { $other }: join them into one range
hours-never-open = this schedule is closed every day: members would never find the team in (give at least one day some hours)
# $date: the date as written, quoted
hours-bad-date = { $date } is not a day of the calendar
# $until, $date: YYYY-MM-DD
hours-until-before-date = until ({ $until }) comes before date ({ $date })
# $date: the first day two exceptions share (YYYY-MM-DD); $line: where the other one is
hours-exception-twice = { $date } already has an exception (line { $line }): one exception per day
