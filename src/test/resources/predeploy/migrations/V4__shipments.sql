-- A uuid key with a default, a date, and a two-column foreign key to order_lines' composite key.
CREATE TABLE shipments (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id   bigint NOT NULL,
    line_no    integer NOT NULL,
    shipped_on date NOT NULL,
    carrier    text,
    FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no)
);
