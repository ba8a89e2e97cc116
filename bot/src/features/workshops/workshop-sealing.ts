import type { WorkshopSealing } from './workshop-service';
import { FieldCipher } from '../../platform/crypto/field-crypto';
import type { KeyRing } from '../../platform/crypto/signal-keys';

/** The associated data a workshop's sealed note is bound to. */
export const noteBinding = (workshopId: string): string => `workshop-note:${workshopId}`;

/** The associated data an evaluation's sealed takeaway is bound to: its own row and its workshop. */
export const takeawayBinding = (workshopId: string, evaluationId: string): string => `workshop-takeaway:${evaluationId}:${workshopId}`;

/** Workshop free text (the organiser's note, an evaluation's takeaway), sealed like signal text. */
export class KeyRingWorkshopSealing implements WorkshopSealing {
  private readonly text: FieldCipher;

  constructor(ring: KeyRing) {
    this.text = new FieldCipher(ring, 'text');
  }

  sealNote(text: string, workshopId: string): string {
    return this.text.encrypt(text, noteBinding(workshopId));
  }

  openNote(sealed: string, workshopId: string): string {
    return this.text.decrypt(sealed, noteBinding(workshopId));
  }

  sealTakeaway(text: string, workshopId: string, evaluationId: string): string {
    return this.text.encrypt(text, takeawayBinding(workshopId, evaluationId));
  }
}
