-- Messages between a reporter and the handler of a signal; the body is sealed like the description.
CREATE TABLE signal_messages (
  id uuid PRIMARY KEY,
  signal_id uuid NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  author text NOT NULL CHECK (author IN ('reporter', 'handler')),
  body_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signal_messages_signal ON signal_messages (signal_id, created_at);

-- Proactive messages waiting to be sent. A row names what to send, never its text: the text is
-- read from its sealed source when it is sent, so the outbox holds nothing readable.
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('signal-answer')),
  signal_id uuid REFERENCES signals (id) ON DELETE CASCADE,
  message_id uuid REFERENCES signal_messages (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
