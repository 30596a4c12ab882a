-- Risk rescoring (031: the amendment trigger) only when a new version changes what the risk
-- features read: the document (content hash) or the assessment's risk part (what the scoring
-- worker loads: the assessment without the keys of src/adapters/db/risk-repository.ts
-- ASSESSMENT_UNREAD). A stored declaration whose combined-taxation group changes without changing
-- its money (a later parcel within the limit) gets a new version whose combinedWith lists the group
-- (src/app/redecide-combined-members.ts); its score would come out the same, and the rescoring
-- would leave it unscored in the officer queue meanwhile. A correction (a new document) and a
-- combined re-assessment (route, exemption, taxes) are rescored as before.
DROP TRIGGER declarations_risk_amended ON declarations;
CREATE TRIGGER declarations_risk_amended AFTER UPDATE OF version ON declarations
  FOR EACH ROW WHEN (
    OLD.version IS DISTINCT FROM NEW.version
    AND (OLD.content_hash IS DISTINCT FROM NEW.content_hash
         OR (OLD.assessment - '{reasons,dataVersions,valuation,errors,combinedWith,taxesWithoutExemption}'::text[])
            IS DISTINCT FROM (NEW.assessment - '{reasons,dataVersions,valuation,errors,combinedWith,taxesWithoutExemption}'::text[]))
  ) EXECUTE FUNCTION risk_pending_amended();
