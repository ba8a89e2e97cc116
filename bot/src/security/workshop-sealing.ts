import type { WorkshopSealing } from '../domain/workshops/workshop-service';
import { FieldCipher } from './field-crypto';
import type { KeyRing } from './signal-keys';

/** Workshop free text (the organiser's note, an evaluation's takeaway), sealed like signal text. */
export class KeyRingWorkshopSealing implements WorkshopSealing {
  private readonly text: FieldCipher;

  constructor(ring: KeyRing) {
    this.text = new FieldCipher(ring, 'text');
  }

  sealNote(text: string, workshopId: string): string {
    return this.text.encrypt(text, `workshop-note:${workshopId}`);
  }

  openNote(sealed: string, workshopId: string): string {
    return this.text.decrypt(sealed, `workshop-note:${workshopId}`);
  }

  sealTakeaway(text: string, workshopId: string, evaluationId: string): string {
    return this.text.encrypt(text, `workshop-takeaway:${evaluationId}:${workshopId}`);
  }
}
