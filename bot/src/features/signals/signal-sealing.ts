import { createHmac } from 'node:crypto';
import type { FollowUpSealing, MessageBinding } from './follow-up';
import type { DeskSealing } from '../desk';
import type { SignalSealing } from './signal-service';
import { caseCodeFromDigest } from './case-code';
import { FieldCipher } from '../../platform/crypto/field-crypto';
import type { KeyRing } from '../../platform/crypto/signal-keys';
import { type Relation, relationSchema } from '../../shared/signal-vocabulary';

/** The associated data a signal's sealed columns (text, case code, reply route) are bound to: a seal moved to another row does not open. */
export const signalBinding = (signalId: string): string => `signal:${signalId}`;

/** A reporter's name is bound to its signal under a binding of its own: it cannot be passed off as the description. */
export const reporterNameBinding = (signalId: string): string => `reporter-name:signal:${signalId}`;
/** A pending relation is bound to its own random id, not to its signal's. */
export const relationBinding = (pendingId: string): string => `relation:${pendingId}`;

/** Every sealed relation is this long before sealing, so its size says nothing: whichever, or nothing said. */
const RELATION_WIDTH = 32;

/** A message's seal is bound to its signal and author as well, so it cannot be passed off as another's. */
export const messageBinding = (b: MessageBinding): string => `message:${b.messageId}:signal:${b.signalId}:author:${b.author}`;

/** The signals' cryptography: sealed texts, messages, reply routes and case codes, HMACs for codes and forms. */
export class KeyRingSignalSealing implements SignalSealing, FollowUpSealing, DeskSealing {
  private readonly text: FieldCipher;
  private readonly replyRoute: FieldCipher;
  private readonly caseCode: FieldCipher;

  constructor(private readonly ring: KeyRing) {
    this.text = new FieldCipher(ring, 'text');
    this.replyRoute = new FieldCipher(ring, 'reply-route');
    this.caseCode = new FieldCipher(ring, 'sealed-case-code');
  }

  sealText(text: string, signalId: string): string {
    return this.text.encrypt(text, signalBinding(signalId));
  }

  /** Only for the handler who opens the signal in the tab (audited there). */
  openText(sealed: string, signalId: string): string {
    return this.text.decrypt(sealed, signalBinding(signalId));
  }

  sealCaseCode(code: string, signalId: string): string {
    return this.caseCode.encrypt(code, signalBinding(signalId));
  }

  /** Only for the handler's desk, so reporter and handler speak of the same code. */
  openCaseCode(sealed: string, signalId: string): string {
    return this.caseCode.decrypt(sealed, signalBinding(signalId));
  }

  sealReplyRoute(reference: object, signalId: string): string {
    return this.replyRoute.encrypt(JSON.stringify(reference), signalBinding(signalId));
  }

  sealRelation(relation: Relation | null, pendingId: string): string {
    return this.text.encrypt((relation ?? '').padEnd(RELATION_WIDTH), relationBinding(pendingId));
  }

  /** Only for counting a settled quarter's relations, when its figures are taken. */
  openRelation(sealed: string, pendingId: string): Relation | null {
    const said = this.text.decrypt(sealed, relationBinding(pendingId)).trim();
    return said === '' ? null : relationSchema.parse(said);
  }

  sealReporterName(name: string, signalId: string): string {
    return this.text.encrypt(name, reporterNameBinding(signalId));
  }

  /** Only for the counsellor who opens a "vertrouwelijk" signal (audited there). */
  openReporterName(sealed: string, signalId: string): string {
    return this.text.decrypt(sealed, reporterNameBinding(signalId));
  }

  sealMessage(text: string, b: MessageBinding): string {
    return this.text.encrypt(text, messageBinding(b));
  }

  openMessage(sealed: string, b: MessageBinding): string {
    return this.text.decrypt(sealed, messageBinding(b));
  }

  openReplyRoute(sealed: string, signalId: string): { conversation?: { id?: string } } {
    return JSON.parse(this.replyRoute.decrypt(sealed, signalBinding(signalId))) as { conversation?: { id?: string } };
  }

  caseCodeHmac(code: string): Buffer {
    return this.hmac(`case-code:${code}`);
  }

  caseCodeFor(submissionId: string, attempt: number): string {
    return caseCodeFromDigest(this.hmac(`case-code-of:${submissionId}:${attempt}`));
  }

  caseCodeHmacs(code: string): Buffer[] {
    return this.hmacsUnderEveryKey(`case-code:${code}`);
  }

  submissionHmacs(submissionId: string): Buffer[] {
    return this.hmacsUnderEveryKey(`submission:${submissionId}`);
  }

  private hmacsUnderEveryKey(value: string): Buffer[] {
    return this.ring.keysFor('case-code').map((key) => createHmac('sha256', key).update(value).digest());
  }

  submissionHmac(submissionId: string): Buffer {
    return this.hmac(`submission:${submissionId}`);
  }

  private hmac(value: string): Buffer {
    return createHmac('sha256', this.ring.currentKey('case-code')).update(value).digest();
  }
}
