-- Stock takes: what a line's value per unit (`unit_cost_vnd`) stands for, frozen when the count is
-- posted so that a posted count shows the same values for ever: 'cost' (the goods' lot cost) or
-- 'retail' (the product's price, when no lot cost is known). Empty on other documents' lines.
ALTER TABLE document_lines ADD COLUMN value_basis TEXT NOT NULL DEFAULT ''
    CHECK (value_basis IN ('', 'cost', 'retail'));
