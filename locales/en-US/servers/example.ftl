# Texts of servers/example.yaml, in English.

## Support system
topic-billing = Billing
topic-billing-desc = Invoices, payments and refunds
topic-billing-welcome = Thanks for reaching out about billing. A member of staff will be with you shortly.
topic-bug = Bug report
topic-bug-desc = Something does not work as it should
topic-bug-welcome = Thanks for the report! Please attach screenshots if you have any.
topic-other = Something else
q-order = Order number
q-order-placeholder = e.g. FR-2024-0001
q-details = Anything else we should know?
q-steps = Steps to reproduce

## Partners system
topic-partnership = Partnership
topic-partnership-welcome = Hello! Tell us about your community and what you have in mind.

## Panels
panel-support-title = Need help?
panel-support-text = Pick a topic below to open a ticket. Our team answers within a day.
panel-support-placeholder = Choose a topic…
panel-partners-title = Partnerships
panel-partners-text = Want to partner with us? Click the button below.

## Tags (/ticket tag): posted in the opener's language; labels in the staff member's
tag-refund-label = Refund delay
tag-refund = Hello { $member }, refunds reach your account within 5 to 10 working days. We'll keep ticket #{ NUMBER($number, useGrouping: 0) } open until you confirm.
tag-screenshots = Could you attach a screenshot of the problem? It helps us a lot.
