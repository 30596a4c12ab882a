-- A shortfall paid on the same notice: a paid declaration assessed again higher (a correction,
-- combined taxation, corrected reference data; 관세법 제38조의2) owes the difference, which the payer
-- pays on the same notice and payment number as a supplementary payment with a receipt of its own.
-- `part` 0 is the notice's payment, 1, 2, … the shortfalls paid after it; the invariant becomes one
-- standing payment per (turn, part): two payments of the same shortfall racing keep one (the other's
-- charge is voided or recorded as a refund due, as for the notice's payment).
ALTER TABLE tax_payments ADD COLUMN part int NOT NULL DEFAULT 0 CHECK (part >= 0);
ALTER TABLE tax_payments DROP CONSTRAINT tax_payments_declaration_turn;
ALTER TABLE tax_payments ADD CONSTRAINT tax_payments_declaration_turn_part UNIQUE (declaration_id, turn, part);
-- A virtual account issued for a shortfall says which part its deposit pays.
ALTER TABLE tax_virtual_accounts ADD COLUMN part int NOT NULL DEFAULT 0 CHECK (part >= 0);
