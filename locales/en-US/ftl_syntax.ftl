## Fluent syntax errors in a .ftl file, as fluent.syntax's parser reports them (its codes
## E0001–E0029). $code: the parser's code, kept so that Fluent's documentation can be searched.

ftl-syntax-E0001 = { $code } Generic error
ftl-syntax-E0002 = { $code } Expected an entry start
# $token: the character expected
ftl-syntax-E0003 = { $code } Expected token: "{ $token }"
# $range: the range of characters expected
ftl-syntax-E0004 = { $code } Expected a character from range: "{ $range }"
# $id: the message's id
ftl-syntax-E0005 = { $code } Expected message "{ $id }" to have a value or attributes
# $id: the term's id, without its leading "-"
ftl-syntax-E0006 = { $code } Expected term "-{ $id }" to have a value
ftl-syntax-E0007 = { $code } Keyword cannot end with a whitespace
ftl-syntax-E0008 = { $code } The callee has to be an upper-case identifier or a term
ftl-syntax-E0009 = { $code } The argument name has to be a simple identifier
ftl-syntax-E0010 = { $code } Expected one of the variants to be marked as default (*)
ftl-syntax-E0011 = { $code } Expected at least one variant after "->"
ftl-syntax-E0012 = { $code } Expected value
ftl-syntax-E0013 = { $code } Expected variant key
ftl-syntax-E0014 = { $code } Expected literal
ftl-syntax-E0015 = { $code } Only one variant can be marked as default (*)
ftl-syntax-E0016 = { $code } Message references cannot be used as selectors
ftl-syntax-E0017 = { $code } Terms cannot be used as selectors
ftl-syntax-E0018 = { $code } Attributes of messages cannot be used as selectors
ftl-syntax-E0019 = { $code } Attributes of terms cannot be used as placeables
ftl-syntax-E0020 = { $code } Unterminated string expression
ftl-syntax-E0021 = { $code } Positional arguments must not follow named arguments
ftl-syntax-E0022 = { $code } Named arguments must be unique
ftl-syntax-E0024 = { $code } Cannot access variants of a message
# $sequence: the escape sequence, after its backslash
ftl-syntax-E0025 = { $code } Unknown escape sequence: \{ $sequence }
# $sequence: the escape sequence as written
ftl-syntax-E0026 = { $code } Invalid Unicode escape sequence: { $sequence }
ftl-syntax-E0027 = { $code } Unbalanced closing brace in text
ftl-syntax-E0028 = { $code } Expected an inline expression
ftl-syntax-E0029 = { $code } Expected simple expression as selector
# A code this version of Guichet does not know yet. $message: the parser's own words (English)
ftl-syntax-other = { $code } { $message }
ftl-syntax-unparsable = unparsable Fluent entry
# $problem: one of the messages above; $line: where the broken entry starts (an unclosed
# placeable is only noticed some lines later)
ftl-syntax-in-entry = { $problem } (in the entry starting at line { $line })
