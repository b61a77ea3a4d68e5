import type { ReportModel, ReportReservation } from '../../../report/model.js';
import { MUTED, SIZE, STATUS_COLOR, type Struct } from './theme.js';
import type { Writer } from './writer.js';

/** The status of the Protocol for the State (D02): recorded facts, never scored. */
export function treatyStatus(w: Writer, parent: Struct, model: ReportModel): void {
  const status = model.treatyStatus;
  // Keep the heading with the table rather than alone at the foot of a page.
  w.need(140);
  w.heading(parent, 2, `Status of the ${model.instrument.shortTitle}`);
  w.text(parent, 'P', 'As recorded in the assessment; not scored.', { color: MUTED, size: SIZE.small, after: 4 });
  w.table(
    parent,
    [
      { header: 'Item', width: 0.3 },
      { header: 'As recorded', width: 0.7 },
    ],
    [
      [{ text: 'Ratification or accession' }, { text: status.ratification ?? 'not recorded' }],
      [{ text: 'Status in national law' }, { text: status.nationalLaw ?? 'not recorded' }],
      [{ text: 'Reporting to the Committee' }, { text: status.reporting ?? 'not recorded' }],
      [
        { text: 'Reservations and declarations' },
        {
          text:
            status.reservations.length === 0 ? 'none recorded' : status.reservations.map(reservationText).join('\n'),
        },
      ],
    ],
    { rowHeaders: true, size: 9, after: 8 },
  );
}

/** The optional treaty measures (used or not, never "not met") and the reserved obligations. */
export function optionalAndReserved(w: Writer, parent: Struct, model: ReportModel): void {
  if (model.optional.length > 0) {
    w.heading(parent, 2, 'Optional treaty measures (not scored)');
    w.text(
      parent,
      'P',
      'The Protocol leaves these measures to the State ("may"): they are not in the overall or chapter scores, and not using one is not a breach.',
      { color: MUTED, size: SIZE.small, after: 8 },
    );
    w.table(
      parent,
      [
        { header: 'Provision', width: 0.15 },
        { header: 'Measure', width: 0.4 },
        { header: 'Use', width: 0.15 },
        { header: 'National law cited', width: 0.3 },
      ],
      model.optional.map((o) => [
        { text: o.provisionLabels },
        { text: o.title },
        { text: o.statusLabel, bold: true, color: STATUS_COLOR[o.status] },
        { text: o.citations.join('; ') || '–' },
      ]),
      { after: 8 },
    );
  }
  if (model.reserved.length > 0) {
    w.heading(parent, 2, 'Reservations');
    w.text(
      parent,
      'P',
      'These obligations rest only on provisions the State has reserved: they are out of the score, like not-applicable ones. The Committee asks States Parties to review their reservations with a view to withdrawing them.',
      { color: MUTED, size: SIZE.small, after: 8 },
    );
    w.table(
      parent,
      [
        { header: 'Provision', width: 0.15 },
        { header: 'Obligation', width: 0.3 },
        { header: 'Reservation', width: 0.55 },
      ],
      model.reserved.map((o) => [
        { text: o.provisionLabels },
        { text: `${o.title}\n${o.tier.toLowerCase()}` },
        { text: o.reservations.map(reservationText).join('\n') },
      ]),
      { after: 8 },
    );
  }
}

export function reservationText(r: ReportReservation): string {
  return `${r.kindLabel} (${r.provisionLabels || 'no provision named'})${r.date ? `, ${r.date}` : ''}: ${r.text}`;
}
