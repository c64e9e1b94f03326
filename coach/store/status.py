"""Whether what the partners say is being kept: one message, shown once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SaveStatus:
    """``ok`` until a write fails; then ``message`` says why, for the screen to show.

    The session carries on either way. A later write that succeeds (the disk
    was freed, the other program let go) sets ``ok`` again and clears the message.
    """

    ok: bool = True
    message: str | None = None
    #: False for --no-save: nothing is written, by choice
    saving: bool = True

    def failed(self, message: str) -> None:
        self.ok, self.message = False, message

    def recovered(self) -> None:
        self.ok, self.message = True, None

    @property
    def line(self) -> str | None:
        """The one line a screen shows, or None while all is well."""
        if not self.saving:
            return "Not saving: this session is kept nowhere (--no-save)."
        if self.ok:
            return None
        return f"Not saving: {self.message} The session goes on; what you say now is not kept."
