-- The case code itself, sealed (AES-256-GCM under its own derived key, bound to the signal id), so the handler's
-- desk shows the code the reporter holds. Only for signals that go to an inbox; the look-up still goes by
-- case_code_hmac. Signals stored before this have none: the desk shows them by a short reference.
ALTER TABLE signals ADD COLUMN case_code_sealed text;
