"""Service error texts (English, shared with the CLI) shown in the user's language.

Services raise errors with English messages. Known messages are matched here and replaced
by translated ones; anything else is shown as it is, so a new message is never lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


# (pattern, builder of the translated text from the match)
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Wrong user name or password\.$"),
     lambda m: QCoreApplication.translate("ServiceMessages", "Wrong user name or password.")),
    (re.compile(r"This account is locked after too many failed sign-ins\. Try again in (\d+) minutes\.$"),
     lambda m: QCoreApplication.translate(
         "ServiceMessages", "This account is locked after too many failed sign-ins. Try again in %1 minutes."
     ).replace("%1", m.group(1))),
    (re.compile(r"The current password is wrong\.$"),
     lambda m: QCoreApplication.translate("ServiceMessages", "The current password is wrong.")),
    (re.compile(r"An administrator already exists; sign in and add users from there\.$"),
     lambda m: QCoreApplication.translate(
         "ServiceMessages", "An administrator already exists; sign in and add users from there.")),
    (re.compile(r"This record was changed by someone else since you opened it\. Reload it and try again\.$"),
     lambda m: QCoreApplication.translate(
         "ServiceMessages", "This record was changed by someone else since you opened it. Reload it and try again.")),
    (re.compile(r"The password is too weak: (.*)$", re.S),
     lambda m: QCoreApplication.translate("ServiceMessages", "The password is too weak: %1").replace(
         "%1", _problems(m.group(1)))),
]

_PASSWORD_PROBLEMS = {
    "mix at least two of: lower case, upper case, digits, symbols":
        lambda: QCoreApplication.translate("ServiceMessages",
                                           "mix at least two of: lower case, upper case, digits, symbols"),
    "must not contain the user name":
        lambda: QCoreApplication.translate("ServiceMessages", "must not contain the user name"),
}
_MIN_LENGTH = re.compile(r"at least (\d+) characters$")


def _problems(text: str) -> str:
    out = []
    for part in text.split("; "):
        if part in _PASSWORD_PROBLEMS:
            out.append(_PASSWORD_PROBLEMS[part]())
        elif m := _MIN_LENGTH.match(part):
            template = QCoreApplication.translate("ServiceMessages", "at least %1 characters")
            out.append(template.replace("%1", m.group(1)))
        else:
            out.append(part)
    return QCoreApplication.translate("ServiceMessages", "; ").join(out) if out else text


def service_message(exc: BaseException | str) -> str:
    """The message of a service error in the current UI language."""
    first, newline, rest = str(exc).partition("\n")  # row errors follow on further lines
    for pattern, build in _PATTERNS:
        m = pattern.match(first)
        if m:
            return build(m) + newline + rest
    return first + newline + rest
