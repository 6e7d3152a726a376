-- A shopper asks for the return; the shop confirms it with the goods in hand (rentals.ts).
ALTER TABLE rentals ADD COLUMN return_requested_at timestamptz;
