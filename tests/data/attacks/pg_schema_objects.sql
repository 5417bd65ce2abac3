-- Issue #12, item 1: a login plants objects of its own where mediate's functions or other
-- users look them up (the schema, a temporary schema).
CREATE TABLE clerks_shadow (name varchar)
;
CREATE FUNCTION mediate_visible_orgs_shadow() RETURNS SETOF varchar LANGUAGE sql AS $$ SELECT id FROM orgs $$
;
CREATE TEMP TABLE anything (x integer)
