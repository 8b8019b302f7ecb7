"""What other domains register with customers: the checks that find a customer's transactions,
and what follows an activation. Low in the stack, so that sales and recurring can import it."""

from collections.abc import Callable

from app.models import Customer, User

# Later issues register here the checks that find a customer's invoices, estimates, payments.
TRANSACTION_SOURCES: list[Callable[[int], bool]] = []


# What follows a customer's activation (its recurring invoices skip the dates that passed).
WHEN_ACTIVATED: list[Callable[[Customer, User | None], None]] = []


def has_transactions(customer_id: int) -> bool:
    """Whether the customer has invoices, estimates or payments (locks currency, blocks delete)."""
    return any(source(customer_id) for source in TRANSACTION_SOURCES)
