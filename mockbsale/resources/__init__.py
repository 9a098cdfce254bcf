"""One module per Bsale resource group; importing this package registers them all."""

from mockbsale.resources import (  # noqa: F401
    instances,
    offices,
    price_lists,
    product_types,
    products,
    stocks,
    v2,
    variants,
)
