import {
  SKIP_REASONS,
  decideImport,
  decideSync,
  linkStatus,
  type EntraPerson,
  type ImportChoice,
  type ImportDecision,
  type LinkStatus,
  type PortalUserFacts,
  type SkipReason,
  type SyncDecision
} from '../../../src/domain/entraImport';
import type { DisabledReason, PortalAccess } from '../../../src/domain/portalAccess';

/*
 * The pure rules of an Entra import and an Entra sync (DESIGN.md, "Imports"; issue 4), transcribed by
 * hand into tables. The services fetch the Entra user and the company's matching portal users, then
 * act on these decisions; these tables say what the decisions must be.
 */

const AVA_ID = '0f4f9581-ceaf-4ff5-8ad9-3d08a7f0d369';
const OTHER_ID = '28472414-91dd-4cfd-8608-01a06118304a';

function person(change: Partial<EntraPerson> = {}): EntraPerson {
  return { id: AVA_ID, displayName: 'Ava Martin', email: 'ava.martin@fabrikam.example', jobTitle: 'Buyer', kind: 'member', accountEnabled: true, ...change };
}

function portalUser(change: Partial<PortalUserFacts> = {}): PortalUserFacts {
  const email = change.email ?? 'Ava.Martin@fabrikam.example';
  return { id: 'portal-ava', displayName: 'Ava Martin', email, emailKey: email.toLowerCase(), access: 'active', ...change };
}

const LINKED = portalUser({ entraObjectId: AVA_ID });
const UNLINKED = portalUser();
const LINKED_ELSEWHERE = portalUser({ id: 'portal-sam', displayName: 'Sam Taylor', entraObjectId: OTHER_ID });

// ---------------------------------------------------------------------------------------------
// linkStatus
// ---------------------------------------------------------------------------------------------

describe('linkStatus: how an Entra user relates to the company’s portal users', () => {
  it.each<[string, string | null, PortalUserFacts | undefined, PortalUserFacts | undefined, LinkStatus]>([
    ['linked by object id, no email match', 'ava.martin@fabrikam.example', LINKED, undefined, { status: 'linked', user: LINKED }],
    ['linked by object id, and the same user matches by email', 'ava.martin@fabrikam.example', LINKED, LINKED, { status: 'linked', user: LINKED }],
    ['linked by object id wins over another user with the email', 'ava.martin@fabrikam.example', LINKED, LINKED_ELSEWHERE, { status: 'linked', user: LINKED }],
    ['linked by object id, no email in Entra', null, LINKED, undefined, { status: 'linked', user: LINKED }],
    ['same email as a portal user linked to nobody', 'ava.martin@fabrikam.example', undefined, UNLINKED, { status: 'matchesExisting', user: UNLINKED }],
    ['same email in another case (the caller found it case-insensitively)', 'AVA.MARTIN@FABRIKAM.EXAMPLE', undefined, UNLINKED, { status: 'matchesExisting', user: UNLINKED }],
    ['same email as a portal user linked to another Entra account', 'ava.martin@fabrikam.example', undefined, LINKED_ELSEWHERE, { status: 'emailTaken', user: LINKED_ELSEWHERE }],
    ['no email: an email match cannot count', null, undefined, UNLINKED, { status: 'new' }],
    ['no email and no match', null, undefined, undefined, { status: 'new' }],
    ['an email nobody in the company has', 'new.person@fabrikam.example', undefined, undefined, { status: 'new' }]
  ])('%s', (_case, email, linked, sameEmail, expected) => {
    expect(linkStatus(person(), email, { linked, sameEmail })).toEqual(expected);
  });

  const WEG = portalUser({ id: 'portal-weg', displayName: 'Weg Strasse', email: 'weg.strasse@fabrikam.example' });
  const CHOSEN = portalUser({ id: 'portal-chosen', displayName: 'Ava (personal)', email: 'ava.m@gmail.example' });
  it.each<[string, string | null, Parameters<typeof linkStatus>[2], LinkStatus]>([
    ['chosen by hand on the card', 'ava.martin@fabrikam.example', { chosen: CHOSEN }, { status: 'willLink', user: CHOSEN }],
    ['chosen by hand wins over an email match', 'ava.martin@fabrikam.example', { chosen: CHOSEN, sameEmail: UNLINKED }, { status: 'willLink', user: CHOSEN }],
    ['chosen by hand, but that user is linked to another account: ignored', 'new@fabrikam.example', { chosen: LINKED_ELSEWHERE }, { status: 'new' }],
    ['linked wins over a choice on the card', 'ava.martin@fabrikam.example', { linked: LINKED, chosen: CHOSEN }, { status: 'linked', user: LINKED }],
    ['the same email written with ß: a possible match', 'weg.Straße@fabrikam.example', { similar: [WEG] }, { status: 'possibleMatch', user: WEG, reason: 'email' }],
    ['the same name, another email: a possible match', 'ava@gmail.example', { similar: [UNLINKED] }, { status: 'possibleMatch', user: UNLINKED, reason: 'name' }],
    ['the same name, no email: a possible match', null, { similar: [UNLINKED] }, { status: 'possibleMatch', user: UNLINKED, reason: 'name' }],
    ['similar, but linked to another account: not a match', 'ava@gmail.example', { similar: [LINKED_ELSEWHERE] }, { status: 'new' }],
    ['an exact email wins over a possible match', 'ava.martin@fabrikam.example', { sameEmail: UNLINKED, similar: [WEG] }, { status: 'matchesExisting', user: UNLINKED }]
  ])('%s', (_case, email, known, expected) => {
    expect(linkStatus(person(), email, known)).toEqual(expected);
  });

  // The demo seed (and any user linked before the Entra link lookup existed) carries only
  // entraObjectId: the user found by email is then already this person's link, not a match to link.
  it.each([
    ['the same object id', AVA_ID],
    ['the same object id in upper case (GUIDs compare case-insensitively)', AVA_ID.toUpperCase()]
  ])('an email match whose portal user already carries %s is "linked", not "matches existing"', (_case, entraObjectId) => {
    const seeded = portalUser({ entraObjectId });
    expect(linkStatus(person(), 'ava.martin@fabrikam.example', { sameEmail: seeded })).toEqual({ status: 'linked', user: seeded });
  });
});

// ---------------------------------------------------------------------------------------------
// decideImport
// ---------------------------------------------------------------------------------------------

const NOT_PICKED: ImportChoice = { explicit: false };
const PICKED: ImportChoice = { explicit: true };
const NEW: LinkStatus = { status: 'new' };
const skip = (reason: SkipReason): ImportDecision => ({ kind: 'skip', reason });

interface ImportCase {
  name: string;
  person: Partial<EntraPerson>;
  status: LinkStatus;
  choice: ImportChoice;
  seen?: string[];
  expected: ImportDecision;
  /** The emails this import has decided afterwards (lower case); not pinned where either is right. */
  seenAfter?: string[];
}

const IMPORT_CASES: ImportCase[] = [
  // Linked people: names and emails follow Entra; nothing else happens to them.
  { name: 'linked, nothing changed', person: {}, status: { status: 'linked', user: LINKED }, choice: NOT_PICKED, expected: { kind: 'unchanged', userId: 'portal-ava' }, seenAfter: [] },
  { name: 'linked, email differs only in case', person: { email: 'AVA.MARTIN@fabrikam.EXAMPLE' }, status: { status: 'linked', user: LINKED }, choice: NOT_PICKED, expected: { kind: 'unchanged', userId: 'portal-ava' }, seenAfter: [] },
  { name: 'linked, renamed in Entra', person: { displayName: 'Ava Martin-Lee' }, status: { status: 'linked', user: LINKED }, choice: NOT_PICKED, expected: { kind: 'update', userId: 'portal-ava', changes: { displayName: 'Ava Martin-Lee' } }, seenAfter: [] },
  { name: 'linked, new email in Entra', person: { email: 'ava.lee@fabrikam.example' }, status: { status: 'linked', user: LINKED }, choice: NOT_PICKED, expected: { kind: 'update', userId: 'portal-ava', changes: { email: 'ava.lee@fabrikam.example' } }, seenAfter: [] },
  {
    name: 'linked, renamed and new email',
    person: { displayName: 'Ava Lee', email: 'ava.lee@fabrikam.example' },
    status: { status: 'linked', user: LINKED },
    choice: PICKED,
    expected: { kind: 'update', userId: 'portal-ava', changes: { displayName: 'Ava Lee', email: 'ava.lee@fabrikam.example' } },
    seenAfter: []
  },
  { name: 'linked, the mailbox was removed in Entra: the portal email stays', person: { email: null }, status: { status: 'linked', user: LINKED }, choice: NOT_PICKED, expected: { kind: 'unchanged', userId: 'portal-ava' }, seenAfter: [] },
  { name: 'linked, an empty name in Entra does not blank the portal name', person: { displayName: '' }, status: { status: 'linked', user: LINKED }, choice: NOT_PICKED, expected: { kind: 'unchanged', userId: 'portal-ava' }, seenAfter: [] },
  { name: 'linked, disabled in Entra: still refreshed (access is the sync’s business)', person: { kind: 'disabled', accountEnabled: false }, status: { status: 'linked', user: LINKED }, choice: NOT_PICKED, expected: { kind: 'unchanged', userId: 'portal-ava' }, seenAfter: [] },
  { name: 'linked guest, not picked: still refreshed', person: { kind: 'guest', displayName: 'Ava M.' }, status: { status: 'linked', user: LINKED }, choice: NOT_PICKED, expected: { kind: 'update', userId: 'portal-ava', changes: { displayName: 'Ava M.' } }, seenAfter: [] },

  // Matches an existing portal user by email: link instead of a duplicate.
  { name: 'matches an existing user by email', person: {}, status: { status: 'matchesExisting', user: UNLINKED }, choice: NOT_PICKED, expected: { kind: 'link', userId: 'portal-ava', email: 'ava.martin@fabrikam.example' }, seenAfter: ['ava.martin@fabrikam.example'] },
  {
    name: 'matches by a typed email (no mailbox in Entra)',
    person: { email: null, kind: 'guest' },
    status: { status: 'matchesExisting', user: UNLINKED },
    choice: { explicit: true, emailOverride: 'Ava.Martin@fabrikam.example' },
    expected: { kind: 'link', userId: 'portal-ava', email: 'Ava.Martin@fabrikam.example' },
    seenAfter: ['ava.martin@fabrikam.example']
  },
  { name: 'matches, but another person of this import already had the email', person: {}, status: { status: 'matchesExisting', user: UNLINKED }, choice: PICKED, seen: ['ava.martin@fabrikam.example'], expected: skip('duplicate'), seenAfter: ['ava.martin@fabrikam.example'] },
  { name: 'matches, disabled in Entra', person: { kind: 'disabled', accountEnabled: false }, status: { status: 'matchesExisting', user: UNLINKED }, choice: PICKED, expected: skip('disabled'), seenAfter: [] },

  // The email belongs to a portal user linked to another Entra account.
  { name: 'email taken by a user linked to another account', person: {}, status: { status: 'emailTaken', user: LINKED_ELSEWHERE }, choice: NOT_PICKED, expected: skip('emailTaken') },
  { name: 'email taken, picked by hand', person: {}, status: { status: 'emailTaken', user: LINKED_ELSEWHERE }, choice: PICKED, expected: skip('emailTaken') },

  // Linked by hand ("Link to…"): Entra's mailbox if there is one, else the portal user's email.
  { name: 'linked by hand: takes the Entra mailbox', person: {}, status: { status: 'willLink', user: portalUser({ email: 'ava.m@gmail.example' }) }, choice: PICKED, expected: { kind: 'link', userId: 'portal-ava', email: 'ava.martin@fabrikam.example', byHand: true }, seenAfter: ['ava.martin@fabrikam.example'] },
  { name: 'linked by hand, no mailbox in Entra: keeps the portal email', person: { email: null }, status: { status: 'willLink', user: portalUser({ email: 'ava.m@gmail.example' }) }, choice: PICKED, expected: { kind: 'link', userId: 'portal-ava', email: 'ava.m@gmail.example', byHand: true }, seenAfter: ['ava.m@gmail.example'] },
  { name: 'linked by hand, disabled in Entra', person: { kind: 'disabled', accountEnabled: false }, status: { status: 'willLink', user: UNLINKED }, choice: PICKED, expected: skip('disabled'), seenAfter: [] },

  // A possible match is held until a person chooses.
  { name: 'possible match, nobody chose', person: {}, status: { status: 'possibleMatch', user: UNLINKED, reason: 'name' }, choice: PICKED, expected: skip('possibleMatch'), seenAfter: [] },
  { name: 'possible match, "all unlinked"', person: {}, status: { status: 'possibleMatch', user: UNLINKED, reason: 'email' }, choice: NOT_PICKED, expected: skip('possibleMatch'), seenAfter: [] },
  { name: 'possible match, "Create new" chosen', person: {}, status: { status: 'possibleMatch', user: UNLINKED, reason: 'name' }, choice: { explicit: true, createNew: true }, expected: { kind: 'create', email: 'ava.martin@fabrikam.example' }, seenAfter: ['ava.martin@fabrikam.example'] },

  // No mailbox: the sign-in name is never used unless confirmed on the card (then it is a typed email).
  { name: 'no mailbox, a sign-in name not confirmed', person: { email: null, signInName: 'ava@fabrikam.onmicrosoft.example' }, status: NEW, choice: PICKED, expected: skip('noEmail'), seenAfter: [] },
  { name: 'no mailbox, the sign-in name confirmed', person: { email: null, signInName: 'ava@fabrikam.onmicrosoft.example' }, status: NEW, choice: { explicit: true, emailOverride: 'ava@fabrikam.onmicrosoft.example' }, expected: { kind: 'create', email: 'ava@fabrikam.onmicrosoft.example' }, seenAfter: ['ava@fabrikam.onmicrosoft.example'] },

  // New people.
  { name: 'new member', person: {}, status: NEW, choice: NOT_PICKED, expected: { kind: 'create', email: 'ava.martin@fabrikam.example' }, seenAfter: ['ava.martin@fabrikam.example'] },
  { name: 'new member picked by hand', person: {}, status: NEW, choice: PICKED, expected: { kind: 'create', email: 'ava.martin@fabrikam.example' }, seenAfter: ['ava.martin@fabrikam.example'] },
  { name: 'new member, email kept as Entra spells it', person: { email: 'Ava.Martin@Fabrikam.example' }, status: NEW, choice: NOT_PICKED, expected: { kind: 'create', email: 'Ava.Martin@Fabrikam.example' }, seenAfter: ['ava.martin@fabrikam.example'] },
  { name: 'a typed email wins over the Entra one', person: {}, status: NEW, choice: { explicit: true, emailOverride: 'ava@other.example' }, expected: { kind: 'create', email: 'ava@other.example' }, seenAfter: ['ava@other.example'] },

  // Disabled accounts are skipped always: picked, with a typed email, a guest or a service account.
  { name: 'disabled member', person: { kind: 'disabled', accountEnabled: false }, status: NEW, choice: NOT_PICKED, expected: skip('disabled'), seenAfter: [] },
  { name: 'disabled member picked by hand', person: { kind: 'disabled', accountEnabled: false }, status: NEW, choice: PICKED, expected: skip('disabled'), seenAfter: [] },
  { name: 'disabled, picked, with a typed email', person: { kind: 'disabled', accountEnabled: false, email: null }, status: NEW, choice: { explicit: true, emailOverride: 'a@b.example' }, expected: skip('disabled'), seenAfter: [] },
  { name: 'sign-in blocked on a service account (room mailbox), picked', person: { kind: 'service', accountEnabled: false }, status: NEW, choice: PICKED, expected: skip('disabled'), seenAfter: [] },
  { name: 'sign-in blocked on a member', person: { kind: 'member', accountEnabled: false }, status: NEW, choice: PICKED, expected: skip('disabled'), seenAfter: [] },
  { name: 'marked disabled although accountEnabled says otherwise', person: { kind: 'disabled', accountEnabled: true }, status: NEW, choice: PICKED, expected: skip('disabled'), seenAfter: [] },
  { name: 'disabled, with an email another person of this import has', person: { kind: 'disabled', accountEnabled: false }, status: NEW, choice: NOT_PICKED, seen: ['ava.martin@fabrikam.example'], expected: skip('disabled'), seenAfter: ['ava.martin@fabrikam.example'] },

  // Guests and service accounts: only when picked by hand.
  { name: 'guest, not picked', person: { kind: 'guest', email: 'raj.patel@litware.example' }, status: NEW, choice: NOT_PICKED, expected: skip('guest'), seenAfter: [] },
  { name: 'guest picked by hand', person: { kind: 'guest', email: 'raj.patel@litware.example' }, status: NEW, choice: PICKED, expected: { kind: 'create', email: 'raj.patel@litware.example' }, seenAfter: ['raj.patel@litware.example'] },
  { name: 'guest without email, not picked: skipped as a guest', person: { kind: 'guest', email: null }, status: NEW, choice: NOT_PICKED, expected: skip('guest'), seenAfter: [] },
  { name: 'guest matching an existing user, not picked', person: { kind: 'guest' }, status: { status: 'matchesExisting', user: UNLINKED }, choice: NOT_PICKED, expected: skip('guest'), seenAfter: [] },
  { name: 'service account, not picked', person: { kind: 'service', displayName: 'No Reply', email: 'noreply@fabrikam.example' }, status: NEW, choice: NOT_PICKED, expected: skip('service'), seenAfter: [] },
  { name: 'service account picked by hand', person: { kind: 'service', displayName: 'No Reply', email: 'noreply@fabrikam.example' }, status: NEW, choice: PICKED, expected: { kind: 'create', email: 'noreply@fabrikam.example' }, seenAfter: ['noreply@fabrikam.example'] },

  // No email: only with one typed on the card.
  { name: 'no email, not picked', person: { email: null }, status: NEW, choice: NOT_PICKED, expected: skip('noEmail'), seenAfter: [] },
  { name: 'no email, picked', person: { email: null }, status: NEW, choice: PICKED, expected: skip('noEmail'), seenAfter: [] },
  { name: 'no email, picked, with a typed email', person: { email: null }, status: NEW, choice: { explicit: true, emailOverride: 'pat.morgan@fabrikam.example' }, expected: { kind: 'create', email: 'pat.morgan@fabrikam.example' }, seenAfter: ['pat.morgan@fabrikam.example'] },
  { name: 'guest without email, picked', person: { kind: 'guest', email: null }, status: NEW, choice: PICKED, expected: skip('noEmail'), seenAfter: [] },
  { name: 'guest without email, picked, with a typed email', person: { kind: 'guest', email: null }, status: NEW, choice: { explicit: true, emailOverride: 'kim@partner.example' }, expected: { kind: 'create', email: 'kim@partner.example' }, seenAfter: ['kim@partner.example'] },

  // Duplicates within one import, case-insensitively.
  { name: 'same email as an earlier person of this import', person: {}, status: NEW, choice: NOT_PICKED, seen: ['ava.martin@fabrikam.example'], expected: skip('duplicate'), seenAfter: ['ava.martin@fabrikam.example'] },
  { name: 'same email in another case as an earlier person', person: { email: 'AVA.Martin@Fabrikam.Example' }, status: NEW, choice: PICKED, seen: ['ava.martin@fabrikam.example'], expected: skip('duplicate'), seenAfter: ['ava.martin@fabrikam.example'] },
  { name: 'a typed email an earlier person of this import has', person: { email: null }, status: NEW, choice: { explicit: true, emailOverride: 'Ava.Martin@fabrikam.example' }, seen: ['ava.martin@fabrikam.example'], expected: skip('duplicate'), seenAfter: ['ava.martin@fabrikam.example'] },
  { name: 'other emails decided earlier do not matter', person: {}, status: NEW, choice: NOT_PICKED, seen: ['someone@fabrikam.example'], expected: { kind: 'create', email: 'ava.martin@fabrikam.example' }, seenAfter: ['someone@fabrikam.example', 'ava.martin@fabrikam.example'] }
];

describe('decideImport: what an import does with one person', () => {
  it.each(IMPORT_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const seen = new Set(c.seen ?? []);
    expect(decideImport(person(c.person), c.status, c.choice, seen)).toEqual(c.expected);
    if (c.seenAfter) expect([...seen].sort()).toEqual([...c.seenAfter].sort());
  });

  it('covers every skip reason that an import can decide, each with a reason a person can act on', () => {
    const decided = new Set(IMPORT_CASES.flatMap((c) => (c.expected.kind === 'skip' ? [c.expected.reason] : [])));
    // invalidEmail is decided by the service (it validates typed emails before the rules run).
    expect([...decided].sort()).toEqual((Object.keys(SKIP_REASONS) as SkipReason[]).filter((r) => r !== 'invalidEmail').sort());
    for (const text of Object.values(SKIP_REASONS)) expect(text).toMatch(/^[A-Z].{10,}\.$/);
  });

  it('imports two Entra accounts with the same email in different case once: the second is a duplicate', () => {
    const seen = new Set<string>();
    const first = decideImport(person({ id: AVA_ID, displayName: 'Sam Taylor', email: 'Sam.Taylor@fabrikam.example' }), NEW, NOT_PICKED, seen);
    const second = decideImport(person({ id: OTHER_ID, displayName: 'Sam Taylor (Admin)', email: 'sam.taylor@fabrikam.example' }), NEW, PICKED, seen);
    expect(first).toEqual({ kind: 'create', email: 'Sam.Taylor@fabrikam.example' });
    expect(second).toEqual(skip('duplicate'));
  });

  it('never links two Entra accounts to the same portal user: the second match is a duplicate', () => {
    const seen = new Set<string>();
    const existing: LinkStatus = { status: 'matchesExisting', user: UNLINKED };
    expect(decideImport(person({ id: AVA_ID }), existing, NOT_PICKED, seen)).toEqual({ kind: 'link', userId: 'portal-ava', email: 'ava.martin@fabrikam.example' });
    expect(decideImport(person({ id: OTHER_ID, email: 'AVA.MARTIN@fabrikam.example' }), existing, NOT_PICKED, seen)).toEqual(skip('duplicate'));
  });

  it('a skipped guest does not hold its email: a member with that email later in the import is created', () => {
    const seen = new Set<string>();
    expect(decideImport(person({ id: OTHER_ID, kind: 'guest' }), NEW, NOT_PICKED, seen)).toEqual(skip('guest'));
    expect(decideImport(person(), NEW, NOT_PICKED, seen)).toEqual({ kind: 'create', email: 'ava.martin@fabrikam.example' });
  });

  it('re-running an import with nothing changed in Entra decides "unchanged" for everyone it linked or created', () => {
    const people = [person(), person({ id: OTHER_ID, displayName: 'Raj Patel', email: 'raj.patel@litware.example', kind: 'guest' })];
    const users = [LINKED, portalUser({ id: 'portal-raj', displayName: 'Raj Patel', email: 'raj.patel@litware.example', entraObjectId: OTHER_ID })];
    const seen = new Set<string>();
    const decisions = people.map((p, i) => decideImport(p, linkStatus(p, p.email, { linked: users[i], sameEmail: users[i] }), NOT_PICKED, seen));
    expect(decisions).toEqual([
      { kind: 'unchanged', userId: 'portal-ava' },
      { kind: 'unchanged', userId: 'portal-raj' }
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// decideSync
// ---------------------------------------------------------------------------------------------

type UserState = [PortalAccess, DisabledReason | undefined];
const USER_STATES: UserState[] = [
  ['none', undefined],
  ['invited', undefined],
  ['active', undefined],
  ['disabled', 'manual'],
  ['disabled', 'entra-disabled'],
  ['disabled', 'entra-removed']
];

type EntraState = 'enabled' | 'enabled, renamed' | 'enabled, new email' | 'enabled, email case only' | 'disabled' | 'disabled, renamed' | 'disabled, new email' | 'removed';
const ENTRA_STATES: EntraState[] = ['enabled', 'enabled, renamed', 'enabled, new email', 'enabled, email case only', 'disabled', 'disabled, renamed', 'disabled, new email', 'removed'];

function entraOf(state: EntraState): EntraPerson | 'removed' {
  if (state === 'removed') return 'removed';
  const enabled = state.startsWith('enabled');
  return person({
    accountEnabled: enabled,
    kind: enabled ? 'member' : 'disabled',
    displayName: state.endsWith('renamed') ? 'Ava Martin-Lee' : 'Ava Martin',
    email: state.endsWith('new email') ? 'ava.lee@fabrikam.example' : state.endsWith('case only') ? 'AVA.MARTIN@FABRIKAM.EXAMPLE' : 'ava.martin@fabrikam.example'
  });
}

/** The expected decision, written out rule by rule (DESIGN.md, "Imports" and "Lifecycles"). */
function expectedSync([access, reason]: UserState, state: EntraState): SyncDecision {
  const hasAccess = access === 'invited' || access === 'active';
  const disabledByEntra = access === 'disabled' && (reason === 'entra-disabled' || reason === 'entra-removed');
  if (state === 'removed') return hasAccess ? { kind: 'update', changes: {}, disable: 'entra-removed' } : { kind: 'unchanged' };
  const changes: { displayName?: string; email?: string } = {};
  if (state.endsWith('renamed')) changes.displayName = 'Ava Martin-Lee';
  if (state.endsWith('new email')) changes.email = 'ava.lee@fabrikam.example';
  const enabled = state.startsWith('enabled');
  const disable = !enabled && hasAccess ? ('entra-disabled' as const) : undefined;
  const flagBack = enabled && disabledByEntra;
  if (!Object.keys(changes).length && !disable && !flagBack) return { kind: 'unchanged' };
  return { kind: 'update', changes, ...(disable ? { disable } : {}), ...(flagBack ? { flagBack: true } : {}) };
}

const SYNC_CASES = USER_STATES.flatMap((userState) => ENTRA_STATES.map((state) => [`${userState[0]}${userState[1] ? ` (${userState[1]})` : ''}`, state, userState] as const));

describe('decideSync: what a sync does to a linked portal user', () => {
  it.each(SYNC_CASES)('portal access %s × Entra %s', (_user, state, [access, reason]) => {
    const user = portalUser({ entraObjectId: AVA_ID, access, disabledReason: reason });
    expect(decideSync(user, entraOf(state))).toEqual(expectedSync([access, reason], state));
  });

  it.each(SYNC_CASES)('never deletes and never re-enables: portal access %s × Entra %s', (_user, state, [access, reason]) => {
    const decision = decideSync(portalUser({ entraObjectId: AVA_ID, access, disabledReason: reason }), entraOf(state));
    expect(['unchanged', 'update']).toContain(decision.kind);
    if (decision.kind === 'update') {
      expect(Object.keys(decision).sort()).toEqual(expect.arrayContaining(['changes', 'kind']));
      expect(Object.keys(decision).every((key) => ['kind', 'changes', 'disable', 'flagBack'].includes(key))).toBe(true);
      expect(Object.keys(decision.changes).every((key) => key === 'displayName' || key === 'email')).toBe(true);
      // Back in Entra is a flag for a person to act on; only users who had access can lose it.
      if (decision.flagBack) expect(decision.disable).toBeUndefined();
      if (decision.disable) expect(['invited', 'active']).toContain(access);
    }
  });

  it('flags people disabled because of Entra who are back in Entra, and keeps them disabled with their reason', () => {
    for (const reason of ['entra-disabled', 'entra-removed'] as const) {
      const decision = decideSync(portalUser({ entraObjectId: AVA_ID, access: 'disabled', disabledReason: reason }), entraOf('enabled'));
      expect(decision).toEqual({ kind: 'update', changes: {}, flagBack: true });
    }
    // Disabled by a person: Entra being enabled says nothing about it.
    expect(decideSync(portalUser({ entraObjectId: AVA_ID, access: 'disabled', disabledReason: 'manual' }), entraOf('enabled'))).toEqual({ kind: 'unchanged' });
  });

  it('a person already flagged as back in Entra is not flagged again when nothing changed (a full resync changes nothing)', () => {
    const flagged = { ...portalUser({ entraObjectId: AVA_ID, access: 'disabled', disabledReason: 'entra-disabled' }), entraBack: true } as PortalUserFacts;
    expect(decideSync(flagged, entraOf('enabled'))).toEqual({ kind: 'unchanged' });
    // A rename still updates the name.
    expect(decideSync(flagged, entraOf('enabled, renamed'))).toMatchObject({ kind: 'update', changes: { displayName: 'Ava Martin-Lee' } });
  });
});
