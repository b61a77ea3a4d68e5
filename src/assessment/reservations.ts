import type { Obligation } from '../catalog/model.js';
import type { Assessment, Reservation } from './model.js';

/** Whether a reservation on provision `reserved` covers `provision` (itself or a sub-provision). */
export function covers(reserved: string, provision: string): boolean {
  return provision === reserved || provision.startsWith(`${reserved}.`);
}

/** The reservations in force (kind "reservation"), which alone change what is scored. */
export function reservationsOf(assessment: Pick<Assessment, 'treatyStatus'>): Reservation[] {
  return (assessment.treatyStatus?.reservations ?? []).filter((r) => r.kind === 'reservation');
}

/**
 * The reservations that take an obligation out of the main score: those covering its provisions,
 * when every one of its provisions is covered (an obligation that also rests on a provision the
 * State accepted still binds it). Empty when the obligation is not reserved.
 */
export function reservationsFor(
  obligation: Pick<Obligation, 'provisions'>,
  reservations: readonly Reservation[],
): Reservation[] {
  if (reservations.length === 0 || obligation.provisions.length === 0) return [];
  const touching = new Set<Reservation>();
  for (const provision of obligation.provisions) {
    const found = reservations.filter((r) => (r.provisions ?? []).some((id) => covers(id, provision)));
    if (found.length === 0) return [];
    for (const r of found) touching.add(r);
  }
  return [...touching];
}

/** Reservations and declarations that cover any of the obligation's provisions (for the report). */
export function mentioning(obligation: Pick<Obligation, 'provisions'>, all: readonly Reservation[]): Reservation[] {
  return all.filter((r) => (r.provisions ?? []).some((id) => obligation.provisions.some((p) => covers(id, p))));
}
