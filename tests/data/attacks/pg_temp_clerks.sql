-- Issue #12, item 1: a clerk's own PostgreSQL login shadows the `clerks` table with a
-- temporary one that makes the login an admin. Before the fix, mediate_current_clerk()
-- and mediate_visible_orgs() resolved `clerks` through the caller's search_path (where
-- pg_temp comes first), so the login then read every body's parties with full ID numbers.
-- Statements are separated by lines holding only `;`; each is tried on its own.
CREATE TEMP TABLE clerks (
  id integer, name varchar, org_id varchar, role varchar, db_role varchar, active boolean
)
;
INSERT INTO pg_temp.clerks VALUES (1, '管理员', NULL, 'admin', current_user, true)
;
SET search_path = pg_temp, public
