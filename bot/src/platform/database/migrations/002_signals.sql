-- The sociale kaart and the routing rules: seeded from bot/src/storage/seeds/, then kept by the coordinator.
CREATE TABLE organisations (
  code text PRIMARY KEY,
  name jsonb NOT NULL
);

CREATE TABLE referrals (
  id text PRIMARY KEY,
  organisation text NOT NULL,
  role text NOT NULL,
  entry jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referrals_organisation_role ON referrals (organisation, role);

CREATE TABLE routing_rules (
  category text NOT NULL,
  wish text NOT NULL,
  roles text[] NOT NULL,
  urgency text NOT NULL,
  PRIMARY KEY (category, wish)
);

-- A signal. What identifies a person is kept only for "vertrouwelijk" (with my name); free text and the
-- reply route are sealed (AES-256-GCM, see bot/src/security). The case code is kept only as an HMAC.
CREATE TABLE signals (
  id uuid PRIMARY KEY,
  case_code_hmac bytea NOT NULL UNIQUE,
  -- One submitted form gives one signal, however often its button is pressed.
  submission_hmac bytea NOT NULL UNIQUE,
  organisation text NOT NULL,
  category text NOT NULL,
  wish text NOT NULL,
  anonymity text NOT NULL CHECK (anonymity IN ('vertrouwelijk', 'anoniem', 'volledig-anoniem')),
  urgency text NOT NULL,
  inbox_role text,
  status text NOT NULL CHECK (status IN ('geteld', 'nieuw', 'in-behandeling', 'gesloten')),
  description_sealed text,
  reporter_aad_object_id text,
  reply_route_sealed text,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  CHECK (anonymity = 'vertrouwelijk' OR reporter_aad_object_id IS NULL),
  CHECK (anonymity <> 'volledig-anoniem' OR reply_route_sealed IS NULL)
);
CREATE INDEX signals_inbox ON signals (organisation, inbox_role, status) WHERE inbox_role IS NOT NULL;
CREATE INDEX signals_reporter ON signals (reporter_aad_object_id) WHERE reporter_aad_object_id IS NOT NULL;
