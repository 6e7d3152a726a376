-- Stock movements (issue 13): every change of skus.stock is one row here, written in the same
-- statement as the change by the inventory module (server/modules/inventory), so a SKU's stock
-- on hand is always the sum of its movements. Positive delta: units came back or in;
-- negative: units went out (an order, a rental).
CREATE TABLE stock_movements (
  id serial PRIMARY KEY,
  sku_id integer NOT NULL REFERENCES skus(id),
  delta integer NOT NULL CHECK (delta <> 0),
  -- opening: the stock a SKU was created or migrated with; order / cancel / close: an order's
  -- reservation and its return when it ends unpaid; refund: units a refund put back;
  -- rental_out / rental_back: a rental's unit; adjust: an admin's count.
  reason text NOT NULL CHECK (reason IN ('opening', 'order', 'cancel', 'close', 'refund', 'rental_out', 'rental_back', 'adjust')),
  order_id integer REFERENCES orders(id),
  -- The rental's credit order (rentals.credit_order_id).
  credit_order_id integer REFERENCES credit_orders(id),
  refund_id integer REFERENCES refunds(id),
  note text,
  created_at timestamptz NOT NULL
);
CREATE INDEX stock_movements_sku_idx ON stock_movements (sku_id, id);
CREATE INDEX stock_movements_order_idx ON stock_movements (order_id) WHERE order_id IS NOT NULL;

-- A shop that existed before this table: what its SKUs hold now is their opening stock.
INSERT INTO stock_movements (sku_id, delta, reason, note, created_at)
SELECT id, stock, 'opening', 'stock before movements were recorded', now() FROM skus WHERE stock <> 0;
