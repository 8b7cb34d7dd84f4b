INSERT INTO vouchers (code) VALUES ('VCH-000001');

UPDATE vouchers SET cod = 'VCH-000002'
 WHERE id = 1;
