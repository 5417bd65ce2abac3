-- Issue #12, item 1: a login changes its own body's rows behind mediate's back, hoping to
-- leave the audit trail (and the case's version) untouched. %(case)s is a case of its body.
UPDATE cases SET facts = '改写的案情', version = version WHERE id = %(case)s
;
UPDATE cases SET status = 'withdrawn', version = 1 WHERE id = %(case)s
;
UPDATE parties SET id_number = '410802199901019999', name = '换人' WHERE case_id = %(case)s
;
INSERT INTO events (case_id, at, clerk, org_id, action, note)
VALUES (%(case)s, now(), '管理员', 'jz-syq-court-center', 'note_added', '冒名')
;
UPDATE documents SET sha256 = repeat('0', 64) WHERE case_id = %(case)s
