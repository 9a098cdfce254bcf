"""One module per Bsale resource group; importing this package registers them all."""

from mockbsale.resources import (  # noqa: F401
    clients,
    coins,
    discounts,
    document_types,
    dynamic_attributes,
    instances,
    offices,
    payment_types,
    price_lists,
    product_types,
    products,
    sale_conditions,
    shipping_types,
    sii,
    stocks,
    taxes,
    users,
    v2,
    variants,
)
