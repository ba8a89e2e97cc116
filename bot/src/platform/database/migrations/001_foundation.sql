-- Conversation and user state for botbuilder, with an optimistic-concurrency counter as the eTag.
CREATE TABLE bot_state (
  key text PRIMARY KEY,
  document jsonb NOT NULL,
  etag bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Activities already handled, so a delivery that Teams repeats is handled once.
-- The key is a SHA-256 of conversation id and activity id: no identifier is kept in the clear.
CREATE TABLE handled_activities (
  key_hash bytea PRIMARY KEY,
  handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handled_activities_handled_at ON handled_activities (handled_at);

-- Where the app is installed, so proactive messages can reach a person or a channel later.
CREATE TABLE installations (
  conversation_id text PRIMARY KEY,
  tenant_id text,
  scope text NOT NULL CHECK (scope IN ('personal', 'team', 'groupChat')),
  aad_object_id text,
  reference jsonb NOT NULL,
  installed_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE INDEX installations_user ON installations (aad_object_id) WHERE aad_object_id IS NOT NULL;
