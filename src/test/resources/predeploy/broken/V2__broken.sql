-- the second migration has a typo in its third statement line
CREATE TABLE also_fine (id int PRIMARY KEY);
CREATE TABLE broken (
    id int PRIMARY KEY,
    amount nmeric(10, 2)
);
