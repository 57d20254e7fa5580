-- A narrow covering index for name search: scanning it reads about a third of the pages of the
-- products table, and the rowid it carries is all the search needs until it has picked its hits.
CREATE INDEX products_search ON products (active, search_name);
