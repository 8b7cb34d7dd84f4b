-- The application's own writes: voucher codes in the format the check constraint wants (the generator cannot
-- guess it). Each statement is a transaction of its own, but for the BEGIN ... COMMIT group.
INSERT INTO vouchers (code) VALUES ('VCH-' || lpad((floor(random() * 1000000))::int::text, 6, '0'));

BEGIN;
INSERT INTO vouchers (code) VALUES ('NEW-000001');
UPDATE vouchers SET code = 'UPD-' || lpad(id::text, 6, '0') WHERE id = (SELECT max(id) FROM vouchers);
COMMIT;

DELETE FROM vouchers WHERE id = (SELECT min(id) FROM vouchers);
