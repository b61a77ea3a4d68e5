import type { Instrument } from '../catalog/model.js';

/** A block of the methodology section: one paragraph, or a list of items. */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'formula'; lines: string[] };

/**
 * The methodology as plain blocks, shared by every report format (and mirrored in the README),
 * so the PDF can never describe a different formula from the one src/scoring/model.ts computes.
 */
export function methodology(instrument: Instrument): Block[] {
  return [
    {
      kind: 'paragraph',
      text: `Each obligation in the catalog is a duty that the ${instrument.shortTitle} places on States Parties, linked to the provisions it comes from and asked as one or more questions about national law. The answers are scored on a fixed scale:`,
    },
    {
      kind: 'list',
      items: [
        'yes = 1: national law fully provides what the question asks;',
        'partly = 0.5: it provides part of it (for some children, some acts, some media);',
        'no = 0: it does not;',
        'unknown = 0, marked "unverified": a protection that has not been demonstrated is not counted;',
        'not-applicable: left out of the score, only where the obligation allows it;',
        'a follow-up question skipped by its condition takes the answer that skipped it; it scores 0 when that answer was weaker than one that would have asked it, and a follow-up of a skipped question is skipped too. A question of a weaker tier never skips one of a stronger tier;',
        'a follow-up that presupposes something the State lawfully lacks (the penalty for an offence that does not exist, the details of optional jurisdiction not taken) is not applicable when skipped: the gap is counted once, at the question that skipped it;',
        'unanswered questions are left out and lower the completeness shown beside every score; they are never guessed.',
      ],
    },
    {
      kind: 'formula',
      lines: [
        'Obligation score S(o) = mean of the question scores s(q) over its answered, applicable questions (0 to 1).',
        'Chapter and overall score = 100 × Σ w(o)·S(o) / Σ w(o), over treaty obligations with a score.',
        'Recommended score = the same formula over recommended obligations only.',
        'Completeness = answered questions / all questions of the same obligations.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'The weight w(o) of an obligation is set in the catalog, from 1 (a supporting measure) to 5 (a core offence). An obligation is met when its score is 1, not met when it is 0, partly met in between, and unverified when any of its answers is "unknown" and it is not met. Each obligation belongs to one of three tiers:',
    },
    {
      kind: 'list',
      items: [
        'treaty obligation (mandatory): the Protocol says "States Parties shall". A qualifier such as "subject to the provisions of its national law", "where appropriate" or "in appropriate cases" governs how the State acts, not whether it must: the obligation stays a treaty obligation. Only these count in the overall and chapter scores;',
        'optional treaty measure (discretionary): the text makes the measure itself optional ("may", "may consider"), as in arts. 3(4), 4(2) and 5(2). Never in the overall or chapter scores and never "not met": shown as used, partly used or not used;',
        'beyond the treaty (recommended): guidance of the Committee on the Rights of the Child (for example its guidelines CRC/C/156) or of specialist bodies, each with its source. It has its own score, which never changes the overall score.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'The status of the Protocol for the State (ratification, reservations and declarations, status in national law, reporting history) is recorded and printed, not scored. An obligation whose provisions are all covered by a reservation the State made is "reserved": out of every score, like a not-applicable one, and listed with the reservation\'s text. A declaration is listed but changes no score.',
    },
    {
      kind: 'paragraph',
      text: `Treaty text: ${instrument.title}, adopted by ${instrument.adoption.by} on ${instrument.adoption.date}, in force since ${instrument.entryIntoForce}. Quoted from ${instrument.textSource.citation}${instrument.textSource.copy ? ` ${instrument.textSource.copy}` : ''}`,
    },
  ];
}
