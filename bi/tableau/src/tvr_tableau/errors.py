"""Failures the commands report in one line and exit non-zero on."""


class TableauError(Exception):
    """A problem the user can act on; the message says which."""


class NoMartsError(TableauError):
    pass


class DatabaseUnreachableError(TableauError):
    pass


class ConfigError(TableauError):
    pass


class WorkbookCheckError(TableauError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("the workbook does not match the marts:\n  - " + "\n  - ".join(problems))
        self.problems = problems
