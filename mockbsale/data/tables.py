"""The data model: every table of a company and the foreign keys worth an index.

Rows are flat dicts keyed by Bsale's attribute names (camelCase), plus foreign keys named
`<resource>Id` (e.g. `productId`). Resources add indexes for the keys their filters use.
"""

from __future__ import annotations

TABLES: dict[str, tuple[str, ...]] = {
    # configuration
    "offices": (),
    "taxes": (),
    "document_types": ("codeSii",),
    "payment_types": (),
    "coins": (),
    "sale_conditions": (),
    "price_lists": (),
    "users": ("officeId",),
    "dynamic_attributes": ("documentTypeId", "paymentTypeId"),
    "dynamic_attribute_details": ("dynamicAttributeId",),
    "discounts": (),
    "book_types": (),
    "dte_codes": (),
    "shipping_types": (),
    "cpe_codes": (),
    # catalog
    "product_types": (),
    "product_type_attributes": ("productTypeId",),
    "products": ("productTypeId",),
    "product_taxes": ("productId",),
    "variants": ("productId", "code", "barCode"),
    "variant_attribute_values": ("variantId",),
    "pack_details": ("packId",),
    "price_list_details": ("priceListId", "variantId"),
    "stocks": ("variantId", "officeId"),
    "stock_receptions": ("officeId",),
    "stock_reception_details": ("receptionId", "variantId"),
    "stock_consumptions": ("officeId",),
    "stock_consumption_details": ("consumptionId", "variantId"),
    "stock_consumption_types": (),
    # clients
    "clients": ("code",),
    "client_contacts": ("clientId",),
    "client_addresses": ("clientId",),
    "client_attribute_values": ("clientId",),
    # sales
    "documents": ("documentTypeId", "clientId", "officeId", "number", "token", "salesId"),
    "document_details": ("documentId", "variantId"),
    "document_taxes": ("documentId",),
    "document_references": ("documentId",),
    "document_sellers": ("documentId",),
    "document_attributes": ("documentId",),
    "payments": ("documentId",),
    "returns": ("referenceDocumentId", "creditNoteId"),
    "return_details": ("returnId", "documentDetailId"),
    "return_annulments": ("returnId",),
    "shippings": ("documentId", "officeId"),
    "shipping_details": ("shippingId", "documentDetailId"),
    "third_party_documents": ("codeSii", "number"),
    "dte_claims": ("trackingNumber", "thirdPartyDocumentId"),
    # online store
    "markets": (),
    "collections": ("mkId",),
    "product_webs": ("productId", "marketId"),
    "product_web_collections": ("productWebId", "collectionId"),
    "product_web_pictures": ("productWebId",),
    "carts": (),
    "cart_details": ("cartId",),
    "checkouts": ("token", "cartId"),
    "courier_orders": ("checkoutId",),
    "courier_order_details": ("orderId",),
    "courier_logs": ("orderId",),
}

STORED: dict[str, dict[str, str]] = {
    "offices": {"defaultPriceListId": "price_lists"},
    "document_types": {"nextNumber": "integer", "lastNumber": "integer", "cafStartDate": "integer",
                       "cafExpirationDate": "integer"},
    "coins": {"isoCode": "string", "state": "integer", "default": "integer"},
    "users": {"createdAt": "integer"},
    "dynamic_attributes": {"clientAttribute": "integer"},
    "stock_consumption_details": {"serialNumber": "string"},
    "clients": {"isForeigner": "integer"},
    "client_contacts": {"state": "integer"},
    "documents": {"priceListId": "price_lists", "saleConditionId": "sale_conditions", "dispatch": "integer",
                  "shipmentAttributes": "string"},
    "document_details": {"variantId": "variants", "discount": "number", "taxes": "string"},
    "shippings": {"received": "integer", "destinationOfficeId": "offices"},
    "shipping_details": {"documentDetailId": "document_details"},
    "third_party_documents": {"siiStatus": "string"},
    "markets": {"name": "string", "officeId": "offices", "priceListId": "price_lists", "state": "integer"},
    "product_webs": {"weight": "number"},
    "product_web_collections": {"productWebId": "product_webs", "collectionId": "collections"},
    "product_web_pictures": {"path": "string"},
    "pack_details": {"packId": "products", "productId": "products", "variantId": "variants", "quantity": "number",
                     "state": "integer"},
    "dte_claims": {"trackingNumber": "string", "actionCode": "string", "generationDate": "integer",
                   "thirdPartyDocumentId": "third_party_documents"},
    "courier_order_details": {"orderId": "courier_orders", "description": "string", "quantity": "number"},
}
"""Stored attributes no resource serves as such, by table: a JSON type (`integer`, `number`, `string`)
or, for a foreign key, the table it names. The served ones are declared by the resources
(`mockbsale.resources.registry`); `mockbsale.dataset.schema` joins both into the fixtures' schema."""
