"""tools: the command-line tools, ``python -m edition.tools.<tool>``.

Bad input is the author's to fix: a tool that meets it, even while it is imported (several
read the language registry then), ends with the input's ``file:line`` message and exit 1,
never a traceback (:class:`edition.guards.untrusted_text.InputError`, the base of the data
loader's ``DataError``). Any other exception keeps its traceback: that is a bug.
"""

from __future__ import annotations

import sys

from edition.guards.untrusted_text import InputError


def _report_input_errors(kind, error, trace, default=sys.excepthook):
    if issubclass(kind, InputError):
        print(error, file=sys.stderr)
    else:
        default(kind, error, trace)


sys.excepthook = _report_input_errors
