## argparse's own words in `guichet`'s help and usage errors (Python writes them in English).
## Keep the %(name)s, %s and %r placeholders as they are: Python fills them in.

argparse-usage = usage:
argparse-positionals = positional arguments
argparse-options = options
argparse-help = show this help message and exit
argparse-error = %(prog)s: error: %(message)s
argparse-argument = argument %(argument_name)s: %(message)s
argparse-unrecognized = unrecognized arguments: %s
argparse-required = the following arguments are required: %s
argparse-one-required = one of the arguments %s is required
argparse-not-allowed-with = not allowed with argument %s
argparse-ignored-explicit = ignored explicit argument %r
argparse-invalid-choice = invalid choice: %(value)r (choose from %(choices)s)
argparse-invalid-value = invalid %(type)s value: %(value)r
argparse-expected-one = expected one argument
argparse-expected-at-most-one = expected at most one argument
argparse-expected-at-least-one = expected at least one argument
# $count >= 1: how many arguments the option takes (%s is replaced by the number)
argparse-expected-n = { $count ->
    [one] expected %s argument
   *[other] expected %s arguments
}
argparse-ambiguous = ambiguous option: %(option)s could match %(matches)s
argparse-unexpected-option = unexpected option string: %s
argparse-cannot-open = can't open '%(filename)s': %(error)s
