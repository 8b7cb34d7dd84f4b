-- Customers: a serial key, a unique email, an enum and an array.
CREATE TYPE customer_tier AS ENUM ('bronze', 'silver', 'gold');

CREATE TABLE customers (
    id         serial PRIMARY KEY,
    email      varchar(120) NOT NULL UNIQUE,
    tier       customer_tier NOT NULL DEFAULT 'bronze',
    tags       text[],
    created_at timestamptz NOT NULL DEFAULT now()
);
