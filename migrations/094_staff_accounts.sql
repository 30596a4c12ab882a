-- Staff accounts managed in the portal (/officer/admin): an administrator disables a leaver's account
-- (kept, not deleted: audit_log, uploads and decisions name it) and resets passwords; staff change their
-- own. A disabled account cannot sign in and its sessions stop working (the session look-up joins users).
-- password_changed_at: when the password was last set other than at creation (reset or changed), for the list.
ALTER TABLE users
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN password_changed_at timestamptz;
