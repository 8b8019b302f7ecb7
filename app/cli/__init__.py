"""Command-line tools under `flask --app wsgi`."""

from flask import Flask


def register(app: Flask) -> None:
    """Attach every command group to the app."""
    from app.cli.backup import backup, restore_command
    from app.cli.billing import billing
    from app.cli.check_data import check_data
    from app.cli.demo import demo
    from app.cli.imports import imports
    from app.cli.mail import mail
    from app.cli.reminders import reminders
    from app.cli.search import search
    from app.cli.translate import translate
    from app.cli.users import users
    from app.cli.worker import worker

    app.cli.add_command(users)
    app.cli.add_command(demo)
    app.cli.add_command(translate)
    app.cli.add_command(mail)
    app.cli.add_command(reminders)
    app.cli.add_command(worker)
    app.cli.add_command(billing)
    app.cli.add_command(backup)
    app.cli.add_command(restore_command, "restore")
    app.cli.add_command(check_data)
    app.cli.add_command(imports)
    app.cli.add_command(search)
