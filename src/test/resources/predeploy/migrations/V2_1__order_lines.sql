-- A composite key whose first column is also the foreign key to orders; a wide numeric.
CREATE TABLE order_lines (
    order_id   bigint NOT NULL REFERENCES orders (id),
    line_no    integer NOT NULL,
    sku        text NOT NULL,
    quantity   integer NOT NULL CHECK (quantity > 0),
    unit_price numeric(30, 10) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
