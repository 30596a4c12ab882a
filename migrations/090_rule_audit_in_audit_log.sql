-- The risk rules' audit (drafts, dry runs on past declarations, publications; the rules page reads
-- it) is written to the platform audit log as well, so an administrator finds who did what in one
-- place (GET /api/v1/admin/audit). The actor is an officer's username; one no account has (a
-- system draft) is logged as the system, its name kept in the detail.
CREATE FUNCTION risk_rule_audit_to_audit_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (at, actor_kind, actor_id, action, subject, detail)
  SELECT NEW.at,
         CASE WHEN u.id IS NULL THEN 'system' ELSE 'officer' END,
         u.id,
         'risk-rule.' || NEW.action,
         CASE WHEN NEW.draft_id IS NULL THEN 'risk-rules' ELSE 'risk-rule-draft:' || NEW.draft_id END,
         jsonb_strip_nulls(jsonb_build_object('version', NEW.version, 'actor', NEW.actor))
           || CASE WHEN jsonb_typeof(NEW.detail) = 'object' THEN NEW.detail ELSE '{}'::jsonb END
    FROM (SELECT 1) AS one LEFT JOIN users u ON u.username = NEW.actor;
  RETURN NEW;
END $$;

CREATE TRIGGER risk_rule_audit_to_audit_log AFTER INSERT ON risk_rule_audit
  FOR EACH ROW EXECUTE FUNCTION risk_rule_audit_to_audit_log();
