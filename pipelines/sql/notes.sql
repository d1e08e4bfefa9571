-- Data-quality notes of the load (counts of values a profile chose to keep as missing).
select field, n, note from load_notes where n > 0 order by field;
