-- PKCE verifiers are secrets: from now on sealed with the credentials' AES-GCM keys (key id, nonce,
-- ciphertext), never stored in clear. A state lives ten minutes, so instead of encrypting old
-- rows in SQL, unused states that still hold a plaintext verifier are dropped: those few
-- authorizations in flight at the upgrade must be started again. Used states stay (replays of them
-- keep answering invalid_state until they expire).
DELETE FROM oauth_states WHERE code_verifier IS NOT NULL AND used_at IS NULL;
ALTER TABLE oauth_states DROP COLUMN code_verifier;
ALTER TABLE oauth_states ADD COLUMN verifier_key_id VARCHAR(64);
ALTER TABLE oauth_states ADD COLUMN verifier_nonce VARCHAR(32);
ALTER TABLE oauth_states ADD COLUMN verifier_ciphertext VARCHAR(512);
