CREATE TABLE vouchers (
    id   serial PRIMARY KEY,
    code text NOT NULL CONSTRAINT voucher_code_format CHECK (code ~ '^[A-Z]{3}-[0-9]{6}$')
);
