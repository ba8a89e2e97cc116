import { createHmac } from 'node:crypto';
import type { SignalSealing } from '../domain/signals/signal-service';
import { FieldCipher } from './field-crypto';
import type { KeyRing } from './signal-keys';

/** The signal service's cryptography: sealed texts and reply routes, HMACs for codes and forms. */
export class KeyRingSignalSealing implements SignalSealing {
  private readonly text: FieldCipher;
  private readonly replyRoute: FieldCipher;

  constructor(private readonly ring: KeyRing) {
    this.text = new FieldCipher(ring, 'text');
    this.replyRoute = new FieldCipher(ring, 'reply-route');
  }

  sealText(text: string, signalId: string): string {
    return this.text.encrypt(text, `signal:${signalId}`);
  }

  sealReplyRoute(reference: object, signalId: string): string {
    return this.replyRoute.encrypt(JSON.stringify(reference), `signal:${signalId}`);
  }

  caseCodeHmac(code: string): Buffer {
    return this.hmac(`case-code:${code}`);
  }

  caseCodeHmacs(code: string): Buffer[] {
    return this.ring.ids.map((id) => createHmac('sha256', this.ring.key(id, 'case-code')!).update(`case-code:${code}`).digest());
  }

  submissionHmac(submissionId: string): Buffer {
    return this.hmac(`submission:${submissionId}`);
  }

  private hmac(value: string): Buffer {
    return createHmac('sha256', this.ring.currentKey('case-code')).update(value).digest();
  }
}
