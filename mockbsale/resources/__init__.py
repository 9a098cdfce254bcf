"""One module per Bsale resource group; importing this package registers them all."""

from mockbsale.resources import instances, offices  # noqa: F401
