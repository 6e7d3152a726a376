-- After-sales (售后): what a shopper asks for after paying (src/domain/after-sales.ts holds the
-- state machine). Written only by server/modules/after-sales; its status only through one
-- conditional UPDATE (the machine's from-statuses), with a step row in the same transaction.
CREATE TABLE after_sales (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  user_id integer NOT NULL REFERENCES users(id),
  type text NOT NULL CHECK (type IN ('refund', 'return', 'exchange')),
  status text NOT NULL CHECK (status IN ('requested', 'awaiting_return', 'returning', 'refunding', 'resending', 'refunded', 'exchanged', 'refused', 'withdrawn', 'closed')),
  reason text NOT NULL,
  description text,
  -- Server paths issued by POST /api/uploads/after-sales (after_sale_photos), at most 6.
  photos jsonb NOT NULL DEFAULT '[]',
  -- What these units cost the shopper (the lines' stored discounts): the refund, 0 for an exchange.
  amount integer NOT NULL CHECK (amount >= 0),
  refusal text,
  return_carrier text,
  return_tracking_no text,
  returned_at timestamptz,
  resend_carrier text,
  resend_tracking_no text,
  resent_at timestamptz,
  -- The refund reserved in the same transaction that moved the request to refunding (pay-now
  -- orders); null for pay-after-use until the credit module answers (the sweep asks again).
  refund_id integer REFERENCES refunds(id),
  -- The refund has spoken for its units on the order (order_items.refunded_quantity): from then
  -- on they count there, not as held by this request (pay-now: with refund_id; pay-after-use:
  -- once the credit module took the refund).
  refund_reserved boolean NOT NULL DEFAULT false,
  -- Pay-after-use: why the credit module refused the refund (shown; a person settles it on the platform).
  refund_failure text,
  -- When the current status began: the answer and return timers count from it.
  status_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX after_sales_order_idx ON after_sales (order_id, id);
CREATE INDEX after_sales_user_idx ON after_sales (user_id, id DESC);
-- The sweep: requests waiting on a timer, and refunds still to ask for.
CREATE INDEX after_sales_timer_idx ON after_sales (status, status_at) WHERE status IN ('requested', 'awaiting_return', 'refunding');
CREATE UNIQUE INDEX after_sales_refund_idx ON after_sales (refund_id) WHERE refund_id IS NOT NULL;

CREATE TABLE after_sale_lines (
  after_sale_id integer NOT NULL REFERENCES after_sales(id),
  order_item_id integer NOT NULL REFERENCES order_items(id),
  sku_id integer NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  amount integer NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (after_sale_id, order_item_id)
);
CREATE INDEX after_sale_lines_item_idx ON after_sale_lines (order_item_id);

-- The timeline: one row per status the request reached, who moved it and why.
CREATE TABLE after_sale_steps (
  id serial PRIMARY KEY,
  after_sale_id integer NOT NULL REFERENCES after_sales(id),
  status text NOT NULL,
  actor text NOT NULL CHECK (actor IN ('shopper', 'admin', 'system')),
  note text,
  at timestamptz NOT NULL
);
CREATE INDEX after_sale_steps_idx ON after_sale_steps (after_sale_id, id);

-- Photos a shopper uploaded (POST /api/uploads/after-sales): a request may only name its own.
CREATE TABLE after_sale_photos (
  url text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL
);
