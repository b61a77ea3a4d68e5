#!/usr/bin/env node
// Writes complete demo assessments of fictional countries from the catalog and the profiles below.
// The catalog grows (the full OPSC content lands separately), so the fixtures are generated, not
// hand-written: re-run `npm run demo:assessments` after a catalog change and every question has an
// answer again. Each answer depends only on the profile and the question's id, so adding questions
// leaves the existing answers unchanged.
//
//   node scripts/demo-assessments.mjs [--catalog DIR] [--out DIR]
//
// Uses the built code (dist/): `npm run demo:assessments` builds first.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadCatalog } from '../dist/catalog/load.js';
import { isScored } from '../dist/catalog/model.js';
import { BUNDLED_CATALOG, loadValidators, readCatalogDir } from '../dist/cli/files.js';
import { createSchemaChecker } from '../dist/schema/check.js';

/**
 * A country profile. `answers[strength]` is a pattern the answer of each question is drawn from
 * (by a hash of the question id), `chapters` overrides it per chapter. Citations name invented
 * statutes; the codes are ISO 3166-1 user-assigned ones, so reports mark the country as fictional.
 */
const PROFILES = [
  {
    file: 'xaa-aldoria.yaml',
    code: 'XAA',
    name: 'Republic of Aldoria',
    assessor: 'Legislative Drafting Office, Ministry of Justice of Aldoria (training exercise)',
    created: '2026-01-12',
    updated: '2026-03-02',
    answers: {
      mandatory: ['yes', 'yes', 'yes', 'yes', 'yes', 'partly'],
      discretionary: ['yes', 'yes', 'partly'],
      recommended: ['yes', 'partly', 'no'],
    },
    chapters: { 'international-cooperation': ['yes', 'partly'] },
    statutes: {
      'general-measures': 'Children’s Rights (Optional Protocol) Implementation Act 2012',
      prevention: 'Child Online Safety Act 2019',
      prohibition: 'Penal Code of Aldoria 2011',
      sanctions: 'Penal Code of Aldoria 2011',
      'jurisdiction-extradition': 'Extradition and Mutual Assistance Act 2008',
      'victims-in-proceedings': 'Criminal Procedure Code 2014',
      'recovery-compensation': 'Victims’ Rights and Compensation Act 2016',
      'international-cooperation': 'Extradition and Mutual Assistance Act 2008',
    },
    section: (n) => `s. ${n}`,
    notes: {
      partly: [
        'Covers children under 16 only; the 2025 amendment bill would raise the age to 18.',
        'Applies to photographs and film; drawings and generated images are not covered.',
        'Provided in regulations, not in the Act; the Committee has asked for a statutory basis.',
      ],
      no: ['No provision found; the Law Commission report of 2024 recommends one.'],
      unknown: ['To verify with the Prosecutor-General’s office before publication.'],
      'not-applicable': ['No such institutions exist in Aldoria.'],
    },
    treatyStatus: {
      ratification: { kind: 'ratification', date: '2004-03-14', signed: '2001-09-06' },
      nationalLaw:
        'Incorporated by the Children’s Rights (Optional Protocol) Implementation Act 2012, s. 3, which gives the Protocol precedence over conflicting statutes; courts may invoke it.',
      reporting:
        'Initial report submitted in 2007; Protocol information included in the combined periodic report of 2017; concluding observations of 2019 (a fictional example).',
      reservations: [],
    },
    texts: {},
    text: 'Given effect by the Children’s Rights (Optional Protocol) Implementation Act 2012.',
    // Invented concluding observations (XAA is a fictional country): ids the catalog lacks are dropped.
    recommendations: [
      {
        symbol: 'CRC/C/OPSC/XAA/CO/1',
        paragraph: 9,
        text: 'Adopt a comprehensive national strategy covering all the offences under the Protocol, with a coordinating body and a dedicated budget (fictional example).',
        obligations: ['strategy-coordination', 'national-coordination'],
      },
      {
        symbol: 'CRC/C/OPSC/XAA/CO/1',
        paragraph: 13,
        text: 'Define and prohibit the sale of children in line with articles 2 and 3 of the Protocol, as an offence distinct from trafficking in persons (fictional example).',
        obligations: ['definition-sale', 'sale-not-trafficking', 'sale-offence'],
      },
      {
        symbol: 'CRC/C/OPSC/XAA/CO/1',
        paragraph: '17 (a)',
        text: 'Ensure that the definition of child sexual abuse material covers drawings and computer-generated images, and criminalize knowing possession and online viewing of such material (fictional example).',
        obligations: ['definition-csam', 'csam-virtual-material', 'csam-possession-access', 'csam-offences'],
      },
      {
        symbol: 'CRC/C/OPSC/XAA/CO/1',
        paragraph: 21,
        text: 'Establish extraterritorial jurisdiction over all offences under the Protocol and remove the requirement of double criminality (fictional example).',
        obligations: [
          'jurisdiction-offender',
          'jurisdiction-victim',
          'no-double-criminality',
          'extraterritorial-nationals',
        ],
      },
      {
        symbol: 'CRC/C/OPSC/XAA/CO/1',
        paragraph: 27,
        text: 'Ensure that all child victims have access to procedures to seek compensation, and establish a compensation fund (fictional example).',
        obligations: ['compensation-access', 'compensation-fund'],
      },
    ],
    // The action plan for open gaps; obligations the catalog lacks are dropped.
    actions: {
      'offences-full-scope': {
        owner: 'Ministry of Justice, Legislative Drafting Office',
        due: '2026-12-31',
        status: 'planned',
        note: 'Children (Sexual Exploitation) Bill consolidating the offences, with attempt and complicity for each.',
      },
      'csam-offences': {
        owner: 'Ministry of Justice, Legislative Drafting Office',
        due: '2026-06-30',
        status: 'in-progress',
        note: 'Penal Code (Amendment) Bill 2026: drawings and generated images; first reading held.',
      },
      'adapted-procedures': {
        owner: 'Office of the Prosecutor-General',
        due: '2025-12-31',
        status: 'in-progress',
        note: 'Guidelines on child-friendly interviews and testimony by video link.',
      },
      'compensation-access': {
        owner: 'Ministry of Social Affairs',
        due: '2026-01-31',
        status: 'planned',
        note: 'Regulations opening the compensation scheme to every child victim, whatever the offence.',
      },
      'cooperation-arrangements': {
        owner: 'Ministry of Foreign Affairs',
        due: '2027-03-31',
        status: 'planned',
        note: 'Mutual legal assistance arrangements with the neighbouring States.',
      },
      'legal-persons': {
        owner: 'Ministry of Justice, Legislative Drafting Office',
        due: '2026-09-30',
        status: 'planned',
        note: 'Sanctions for legal persons in the Penal Code (Amendment) Bill 2026.',
      },
    },
  },
  {
    file: 'xab-verenia.yaml',
    code: 'XAB',
    name: 'Commonwealth of Verenia',
    assessor: 'Office of the Children’s Commissioner of Verenia (training exercise)',
    created: '2026-02-03',
    updated: '2026-02-27',
    answers: {
      mandatory: ['no', 'partly', 'no', 'yes', 'unknown', 'partly', 'no'],
      discretionary: ['no', 'no', 'partly', 'not-applicable'],
      recommended: ['no', 'no', 'unknown'],
    },
    chapters: { prohibition: ['partly', 'no', 'yes', 'partly'] },
    statutes: {
      'general-measures': 'Constitution of Verenia 1998',
      prevention: 'Education Act 2003',
      prohibition: 'Code pénal de Vérénie 1961',
      sanctions: 'Code pénal de Vérénie 1961',
      'jurisdiction-extradition': 'Extradition Ordinance 1959',
      'victims-in-proceedings': 'Code de procédure pénale 1963',
      'recovery-compensation': 'Social Welfare Act 1987',
      'international-cooperation': 'Extradition Ordinance 1959',
    },
    section: (n) => `art. ${n}`,
    notes: {
      partly: [
        'Only “indecent publications” are covered; possession without intent to sell is not an offence.',
        'The protection ends at 16; persons aged 16 and 17 are not covered.',
        'Practice varies between courts; no statutory rule.',
      ],
      no: [
        'No provision. Draft Children’s Code (2026) pending before Parliament.',
        'Not addressed by any statute reviewed.',
      ],
      unknown: ['Conflicting advice from the Ministry of Interior; to verify.'],
      'not-applicable': ['Verenian law does not recognise the liability of legal persons for any offence.'],
    },
    treatyStatus: {
      ratification: { kind: 'accession', date: '2005-06-02' },
      nationalLaw:
        'Treaties require an Act of Parliament (Constitution, art. 54); no implementing Act has been adopted, so courts cannot invoke the Protocol.',
      reporting:
        'The initial report, due in 2007, has not been submitted; the Committee has not yet considered the State.',
      reservations: [
        {
          kind: 'reservation',
          provisions: ['3.1.a.ii'],
          text: 'The Commonwealth of Verenia does not consider itself bound by article 3(1)(a)(ii) until its Adoption Act 2024 enters into force (a fictional example).',
          date: '2005-06-02',
        },
      ],
    },
    texts: {},
    text: 'Treaties require an Act of Parliament (Constitution, art. 54); no implementing Act has been adopted.',
    flag: ['unknown'],
  },
];

/**
 * Assessments derived from another profile's answers, so that they stay consistent with it whatever
 * the catalog holds: an EARLIER cycle of the same country by the same office (weaker on a few
 * questions that a later amendment fixed, and stronger on one or two that a later law undid), and a
 * SHADOW report by a fictional NGO that reads the same statutes more strictly. `change` gets the
 * base answer and a number from a hash of the question id, and returns the answer and an optional
 * note; every other field (citation, notes, flags) comes from the base profile.
 */
const DERIVED = [
  {
    file: 'xaa-aldoria-2023.yaml',
    base: 'XAA',
    assessor: 'Legislative Drafting Office, Ministry of Justice of Aldoria (training exercise)',
    created: '2023-02-06',
    updated: '2023-06-30',
    inherit: ['recommendations'],
    change(answer, n) {
      if (answer === 'yes' && n % 6 === 0)
        return {
          answer: 'partly',
          notes: 'Only partly before the 2025 amendments; the bill to complete it is being drafted.',
        };
      if (answer === 'partly' && n % 3 === 0)
        return { answer: 'no', notes: 'No provision yet; the Law Commission is reviewing the question (2023).' };
      if (answer === 'partly' && n % 7 === 1)
        return { answer: 'yes', notes: 'Fully covered at the time; the 2024 consolidation later narrowed it.' };
      return { answer };
    },
  },
  {
    file: 'xaa-aldoria-shadow.yaml',
    base: 'XAA',
    assessor: 'Aldorian Coalition for the Rights of the Child, shadow report (a fictional NGO; training exercise)',
    created: '2026-03-20',
    updated: '2026-04-10',
    inherit: ['recommendations'],
    change(answer, n) {
      if (answer === 'yes' && n % 5 === 0)
        return {
          answer: 'partly',
          notes:
            'Shadow view: the section exists, but the courts read it narrowly and it has never been applied to online cases.',
        };
      if (answer === 'partly' && n % 4 === 0)
        return {
          answer: 'no',
          notes: 'Shadow view: the regulation the Ministry relies on has no statutory basis and lapsed in 2025.',
        };
      return { answer };
    },
  },
];

function pick(list, key) {
  const digest = createHash('sha256').update(key).digest();
  return list[digest.readUInt32BE(0) % list.length];
}

function answerFor(profile, obligation, question) {
  const pattern = profile.chapters[obligation.chapter] ?? profile.answers[obligation.strength];
  let answer = pick(pattern, `${profile.code}/${question.id}`);
  if (answer === 'not-applicable' && !obligation.allowNotApplicable) answer = 'no';
  return answer;
}

function recordFor(profile, obligation, question, answer) {
  const record = { answer };
  const statute = profile.statutes[obligation.chapter] ?? 'Miscellaneous Provisions Act 2000';
  const section = 10 + (createHash('sha256').update(question.id).digest().readUInt16BE(0) % 390);
  if (answer === 'yes' || answer === 'partly') record.citation = `${statute}, ${profile.section(section)}`;
  const notes = fittingNotes(question, answer) ?? profile.notes[answer];
  const partlyBecause = answer === 'partly' ? partlyNote(question) : undefined;
  if (partlyBecause) record.notes = partlyBecause;
  else if (notes) record.notes = pick(notes, `${profile.code}/notes/${question.id}`);
  if (profile.flag?.includes(answer)) record.flagged = true;
  return record;
}

/**
 * Notes that fit a kind of question better than the profile's general ones: a treaty that is not
 * ratified has no "provision", a penalty question answered "no" means a fine only, a programme or
 * policy question is not about a statute, and each "not applicable" has its own reason.
 */
const FITTING_NOTES = [
  {
    match: /^party-/,
    no: ['Not ratified; no decision to ratify has been announced.'],
    unknown: ['Treaty status to confirm with the Ministry of Foreign Affairs.'],
  },
  { match: /-imprisonment$/, no: ['Punishable by a fine only.'] },
  { match: /^penalty-maximum/, no: ['The maximum (two years) is far below that for rape (fifteen years).'] },
  {
    match:
      /^(national-plan|coordinating-body|independent-monitoring|dedicated-budget|comprehensive-review|data-|public-awareness|online-safety|participation-|children-co-design|laws-disseminated|prevention-programmes|vulnerable-children|training-|cooperation-|root-causes|assistance-provided|victim-identification|child-helpline|recovery-care|reintegration-|repatriation-)/,
    no: ['No such measure or programme was found in the documents reviewed.'],
  },
  { match: /^jurisdiction-ships$/, 'not-applicable': ['The State keeps no register of ships.'] },
  { match: /^jurisdiction-aircraft$/, 'not-applicable': ['The State keeps no register of aircraft.'] },
  {
    match: /^(jurisdiction-refused-extradition|refusal-submitted-for-prosecution)$/,
    'not-applicable': ['National law never refuses extradition on the ground of nationality.'],
  },
  { match: /^extradition-no-treaty-needed$/, 'not-applicable': ['Extradition is possible only under a treaty.'] },
  {
    match: /^protocol-extradition-basis$/,
    'not-applicable': ['Extradition does not require a treaty, so the question does not arise.'],
  },
  { match: /^adoption-/, 'not-applicable': ['National law does not provide for adoption.'] },
  { match: /^assistance-provided$/, 'not-applicable': ['The State is not in a position to provide such assistance.'] },
];

function fittingNotes(question, answer) {
  return FITTING_NOTES.find((n) => n.match.test(question.id) && n[answer])?.[answer];
}

/** A "partly" note that fits the question: the catalog's own help says what "partly" means there. */
function partlyNote(question) {
  // The sentence ends at a full stop before a capital letter or the end, not inside "e.g.".
  const reason = /Answer "partly" (?:only )?(?:if|when) (.+?)\.(?=\s+[A-Z]|\s*$)/s.exec(question.help ?? '')?.[1];
  return reason ? `Only partly: ${reason}.` : undefined;
}

function assessmentFor(catalog, profile, derived) {
  const answers = {};
  const given = new Map();
  const skipped = new Set();
  const strengthOf = new Map(catalog.obligations.flatMap((o) => o.questions.map((q) => [q.id, o.strength])));
  for (const obligation of catalog.obligations) {
    for (const question of obligation.questions) {
      if (!isScored(question)) {
        answers[question.id] = { text: derived?.texts?.[question.id] ?? profile.texts[question.id] ?? profile.text };
        continue;
      }
      const controller = question.when ? given.get(question.when.question) : undefined;
      // A follow-up is skipped when its condition fails, or when the question it follows was skipped;
      // as in the score model, a recommended question never skips a mandatory or discretionary one.
      const applies =
        question.when &&
        !(obligation.strength !== 'recommended' && strengthOf.get(question.when.question) === 'recommended');
      if (applies && (skipped.has(question.when.question) || !question.when.in.includes(controller))) {
        answers[question.id] = { answer: 'skipped' };
        skipped.add(question.id);
        continue;
      }
      let answer = answerFor(profile, obligation, question);
      let note;
      if (derived) {
        const n = createHash('sha256').update(`${derived.file}/${question.id}`).digest().readUInt32BE(0);
        ({ answer, notes: note } = derived.change(answer, n));
        if (answer === 'not-applicable' && !obligation.allowNotApplicable) answer = 'no';
      }
      given.set(question.id, answer);
      answers[question.id] = recordFor(profile, obligation, question, answer);
      if (note) answers[question.id].notes = note;
    }
  }
  const result = {
    instrument: catalog.instrument.id,
    catalog: { version: catalog.instrument.version, digest: catalog.digest },
    country: { code: profile.code, name: profile.name },
    assessor: derived?.assessor ?? profile.assessor,
    created: derived?.created ?? profile.created,
    updated: derived?.updated ?? profile.updated,
    // The status of the Protocol (unscored) belongs to the OPSC demo; the sample catalog's fixtures stay as they are.
    ...(profile.treatyStatus && !values.catalog ? { treatyStatus: profile.treatyStatus } : {}),
    answers,
  };
  const known = new Set(catalog.obligations.map((o) => o.id));
  const inherits = (key) => !derived || derived.inherit?.includes(key);
  const recommendations = (inherits('recommendations') ? (profile.recommendations ?? []) : [])
    .map((r) => ({ ...r, obligations: r.obligations.filter((id) => known.has(id)) }))
    .filter((r) => r.obligations.length > 0);
  if (recommendations.length > 0) result.recommendations = recommendations;
  const actions = Object.entries(inherits('actions') ? (profile.actions ?? {}) : {}).filter(([id]) => known.has(id));
  if (actions.length > 0) result.actions = Object.fromEntries(actions);
  return result;
}

const { values } = parseArgs({ options: { catalog: { type: 'string' }, out: { type: 'string' } } });
const catalogDir = values.catalog ? resolve(values.catalog) : BUNDLED_CATALOG;
const outDir = resolve(values.out ?? 'fixtures/assessments');
const { catalog, diagnostics } = loadCatalog(
  readCatalogDir(catalogDir, process.cwd()),
  createSchemaChecker(loadValidators()),
);
if (!catalog) {
  for (const d of diagnostics) process.stderr.write(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}\n`);
  process.stderr.write('The catalog has errors; no assessments written.\n');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const outputs = [
  ...PROFILES.map((profile) => ({ profile })),
  ...DERIVED.map((derived) => ({ profile: PROFILES.find((p) => p.code === derived.base), derived })),
];
for (const { profile, derived } of outputs) {
  const header = [
    '# yaml-language-server: $schema=../../schemas/assessment.schema.json',
    `# DEMO: ${profile.name} is a fictional country (${profile.code} is an ISO 3166-1 user-assigned code) and every`,
    '# statute cited is invented. Generated by scripts/demo-assessments.mjs from the catalog: edit the',
    '# profile there and run `npm run demo:assessments`, rather than editing this file.',
    '',
  ].join('\n');
  const path = join(outDir, derived?.file ?? profile.file);
  writeFileSync(path, header + stringify(assessmentFor(catalog, profile, derived), { lineWidth: 0 }));
  process.stdout.write(`wrote ${path}\n`);
}
