"""Business rules shared by resources: body reading, taxes and totals, folios, stock, payments."""
