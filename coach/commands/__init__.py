"""One module per `coach` subcommand: ``add_parser(subparsers)`` and ``run(args) -> int``."""
