import { jobProgressCard } from '../../src/cards/jobProgressCard';
import { localDate } from '../../src/cards/localTime';
import { cardDataProblems } from '../../src/cards/render';
import { userConfirmCard } from '../../src/cards/userConfirmCard';
import { usersCard } from '../../src/cards/usersCard';
import { UsersViewSchema } from '../../src/cards/usersView';
import type { StaffActor } from '../../src/domain/actor';
import { decideSync, type EntraPerson, type PortalUserFacts } from '../../src/domain/entraImport';
import { offeredOperations } from '../../src/domain/userOperations';
import type { UsersPage } from '../../src/services/portalUsers/listUsers';
import { statusOf, toView } from '../../src/services/portalUsers/view';
import type { Stored } from '../../src/store/documents';
import type { PortalUserDoc } from '../../src/store/model';
import { cardActions, cardTexts } from '../helpers/botClient';
import { portalUserDoc } from '../helpers/builders';

/*
 * "Back in Entra ID": a person disabled because of Entra ID whose Entra account is active again is
 * flagged by the sync (entraBack, entraBackAt), and every surface asks about them: the row's words,
 * Enable first, a list of their own, the sync card naming them.
 */

// The Node build of the Adaptive Cards SDK: parsing and validation need no DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

function validationErrors(card: object): string[] {
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  const events = [...Array.from({ length: context.eventCount ?? 0 }, (_, i) => context.getEventAt(i)), ...adaptiveCard.validateProperties().validationEvents];
  return events.map((e: { message: string }) => e.message);
}

const BACK_AT = '2026-03-04T22:15:30.123Z';
const MSP = 'msp-1';
const COMPANY = { companyId: 'c1', mspId: MSP, name: 'Fabrikam, Inc.', state: 'active' as const };
const MSP_ADMIN: StaffActor = { kind: 'staff', mspId: MSP, staffId: 's1', role: 'mspAdmin', displayName: 'Adele Vance', tenantId: 't', objectId: 'o' };

function stored(doc: PortalUserDoc): Stored<PortalUserDoc> {
  return { ...doc, _etag: '"e1"' } as Stored<PortalUserDoc>;
}

const chloe = (extra: Partial<PortalUserDoc> = {}) =>
  stored(portalUserDoc(MSP, COMPANY.companyId, 'Chloé Lefèvre', { access: 'disabled', disabledReason: 'entra-disabled', entraObjectId: 'e-1', ...extra }));

describe('statusOf: what a row says', () => {
  it.each([
    ['enabled', { access: 'active' }, 'Enabled'],
    ['invited', { access: 'invited' }, 'Invited, not confirmed'],
    ['no access', { access: 'none' }, 'No portal access'],
    ['disabled by a person', { access: 'disabled', disabledReason: 'manual' }, 'Disabled'],
    ['disabled in Entra ID', { access: 'disabled', disabledReason: 'entra-disabled' }, 'Disabled: account disabled in Entra ID'],
    ['removed from Entra ID', { access: 'disabled', disabledReason: 'entra-removed' }, 'Disabled: removed from Entra ID'],
    ['back in Entra ID, with the day (UTC where the surface has no way of its own)', { access: 'disabled', disabledReason: 'entra-disabled', entraBack: true, entraBackAt: BACK_AT }, 'Back in Entra ID since 2026-03-04: enable?'],
    ['back in Entra ID after being removed', { access: 'disabled', disabledReason: 'entra-removed', entraBack: true, entraBackAt: BACK_AT }, 'Back in Entra ID since 2026-03-04: enable?'],
    ['back in Entra ID, flagged before the day was kept', { access: 'disabled', disabledReason: 'entra-disabled', entraBack: true }, 'Back in Entra ID: enable?'],
    ['enabled, with a flag an older enable left behind', { access: 'active', entraBack: true, entraBackAt: BACK_AT }, 'Enabled']
  ] as const)('%s', (_case, user, expected) => {
    expect(statusOf(user)).toBe(expected);
  });

  it("shows the day in the viewer's time zone on a card (Teams renders DATE in a TextBlock)", () => {
    expect(statusOf({ access: 'disabled', disabledReason: 'entra-disabled', entraBack: true, entraBackAt: BACK_AT }, localDate)).toBe(
      'Back in Entra ID since {{DATE(2026-03-04T22:15:30Z, SHORT)}}: enable?'
    );
  });
});

describe('the view of someone back in Entra ID', () => {
  it('says so, keeps the day, and offers Enable first', () => {
    const user = chloe({ entraBack: true, entraBackAt: BACK_AT });
    const offered = offeredOperations(MSP_ADMIN, user, COMPANY, 2);
    expect([...offered].sort()).toEqual(['changeRole', 'delete', 'enable']);
    // Whatever order the rules list them in, the row asks about Enable first.
    const view = toView(user, [...offered].reverse());
    expect(view).toMatchObject({ backInEntra: true, entraBackAt: BACK_AT, status: 'Back in Entra ID since 2026-03-04: enable?' });
    expect(view.operations[0]).toBe('enable');
    expect([...view.operations].sort()).toEqual([...offered].sort());
  });

  it('is not flagged once enabled, nor without the flag', () => {
    expect(toView(stored(portalUserDoc(MSP, 'c1', 'Ava Martin', { access: 'active', entraBack: true, entraBackAt: BACK_AT })))).toMatchObject({ backInEntra: false, entraBackAt: undefined, status: 'Enabled' });
    expect(toView(chloe(), ['delete', 'enable'])).toMatchObject({ backInEntra: false, operations: ['delete', 'enable'] });
  });
});

describe('the sync takes the flag away when Entra takes the person away again', () => {
  const facts = (extra: Partial<PortalUserFacts> = {}): PortalUserFacts => ({
    id: 'u1', displayName: 'Chloé Lefèvre', email: 'chloe@fabrikam.example', emailKey: 'chloe@fabrikam.example', entraObjectId: 'e-1', access: 'disabled', disabledReason: 'entra-disabled', entraBack: true, ...extra
  });
  const entra = (accountEnabled: boolean): EntraPerson => ({ id: 'e-1', displayName: 'Chloé Lefèvre', email: 'chloe@fabrikam.example', jobTitle: null, kind: accountEnabled ? 'member' : 'disabled', accountEnabled });

  it.each([
    ['flagged, still active in Entra ID: nothing to do', facts(), entra(true), { kind: 'unchanged' }],
    ['flagged, disabled in Entra ID again', facts(), entra(false), { kind: 'update', changes: {}, unflagBack: true }],
    ['flagged, removed from Entra ID', facts(), 'removed' as const, { kind: 'update', changes: {}, unflagBack: true }],
    ['not flagged, still disabled in Entra ID', facts({ entraBack: undefined }), entra(false), { kind: 'unchanged' }],
    ['not flagged, removed', facts({ entraBack: undefined }), 'removed' as const, { kind: 'unchanged' }],
    ['not flagged, active in Entra ID: flagged', facts({ entraBack: undefined }), entra(true), { kind: 'update', changes: {}, flagBack: true }]
  ])('%s', (_case, user, person, expected) => {
    expect(decideSync(user, person)).toEqual(expected);
  });
});

describe('the cards', () => {
  const page = (users: Stored<PortalUserDoc>[], backInEntra: number): UsersPage => ({
    company: { companyId: 'c1', name: 'Fabrikam, Inc.', state: 'active' },
    category: 'disabled',
    counts: { enabled: 5, disabled: 2, unconfirmed: 1, noAccess: 0, backInEntra },
    users: users.map((user) => toView(user, offeredOperations(MSP_ADMIN, user, COMPANY, 2))),
    addRoles: []
  });

  it('the users card: the row asks in the viewer’s time zone, Enable is its button, and "Back in Entra ID" is a list while anyone is', () => {
    const card = usersCard(page([chloe({ entraBack: true, entraBackAt: BACK_AT })], 1), { companyId: 'c1', category: 'disabled' });
    expect(validationErrors(card)).toEqual([]);
    expect(cardDataProblems(card)).toEqual([]);
    expect(cardTexts(card)).toContain('Back in Entra ID since {{DATE(2026-03-04T22:15:30Z, SHORT)}}: enable?');
    const lists = cardActions(card).filter((a) => a.verb === 'users.show' && (a.data.view as { category: string }).category !== 'disabled').map((a) => a.title);
    expect(lists).toEqual(['Enabled (5)', 'Unconfirmed (1)', 'No access (0)', 'Back in Entra ID (1)']);
    const row = JSON.stringify(card).match(/"actions":\[\{"type":"Action.Execute","title":"([^"]+)","verb":"users.ask","style":"default","mode":"([a-z]+)"/);
    expect(row?.slice(1)).toEqual(['Enable', 'primary']);
    expect(UsersViewSchema.parse((cardActions(card).find((a) => a.title === 'Back in Entra ID (1)')!.data as { view: unknown }).view)).toEqual({ companyId: 'c1', category: 'backInEntra' });

    const nobody = usersCard(page([chloe()], 0), { companyId: 'c1', category: 'disabled' });
    expect(cardTexts(nobody)).toContain('Disabled: account disabled in Entra ID');
    expect(cardTexts(nobody).some((t) => t.startsWith('Back in Entra ID'))).toBe(false);
    // Chosen with nobody left in it: still shown, and says so.
    const empty = usersCard({ ...page([], 0), category: 'backInEntra' }, { companyId: 'c1', category: 'backInEntra' });
    expect(cardTexts(empty)).toEqual(expect.arrayContaining(['Back in Entra ID (0)', 'Nobody is back in Entra ID waiting to be enabled.']));
  });

  it('the confirmation of Enable says since when their Entra account is active, and warns of nothing', () => {
    const user = toView(chloe({ entraBack: true, entraBackAt: BACK_AT }), ['enable']);
    const card = userConfirmCard({ user, companyName: 'Fabrikam, Inc.', operation: 'enable', view: { companyId: 'c1', category: 'backInEntra' } });
    expect(validationErrors(card)).toEqual([]);
    const texts = cardTexts(card);
    // A FactSet renders no dates in the viewer's time zone: the status there has none.
    expect(texts).toEqual(expect.arrayContaining(['Status', 'Back in Entra ID: enable?']));
    expect(texts).toContain('They get portal access back at once. Their Microsoft Entra ID account is active again since {{DATE(2026-03-04T22:15:30Z, SHORT)}}.');
    expect(texts.join('\n')).not.toContain('the next sync disables them again');
  });

  const syncJob = (flagged: number, back: string[] | undefined) =>
    jobProgressCard(
      {
        id: 'j1', companyId: 'c1', mspId: MSP, type: 'job', kind: 'entraSync', state: 'done', params: { companyName: 'Fabrikam, Inc.', tenantId: 't', reason: 'requested' },
        cursor: { page: 2, linked: 9, changes: [{ name: 'Ethan Kimura', change: 'updated', detail: 'renamed from Ethan Kim' }], back },
        progress: { total: 40, done: 40, created: 0, linked: 0, updated: 1, unchanged: 30, invited: 0, disabled: 0, flagged, skipped: {}, failed: 0 },
        attempts: 1, message: 'Checked 40 people.', createdAt: '2026-01-02T03:04:05.678Z', finishedAt: '2026-01-02T03:04:07.000Z', updatedAt: '2026-01-02T03:04:07.000Z'
      } as never,
      {}
    );

  it('the sync card names the first five back in Entra ID and how many more, and opens their list', () => {
    const card = syncJob(7, ['Ann Lee', 'Bob Ray', 'Carl Ng', 'Dana Oh', 'Eve Poe']);
    expect(validationErrors(card)).toEqual([]);
    expect(cardDataProblems(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts).toEqual(expect.arrayContaining(['Back in Entra ID (7): can be enabled again', 'Ann Lee, Bob Ray, Carl Ng, Dana Oh, Eve Poe and 2 more']));
    // The other changes are named as before, without those back in Entra ID.
    expect(texts).toEqual(expect.arrayContaining(['Updated', 'Ethan Kimura: renamed from Ethan Kim']));
    expect(texts).not.toContain('And more');
    const show = cardActions(card).find((a) => a.title === 'Show them')!;
    expect(show).toEqual({ title: 'Show them', verb: 'users.show', data: { view: { companyId: 'c1', category: 'backInEntra' } } });

    expect(cardTexts(syncJob(2, ['Ann Lee', 'Bob Ray']))).toContain('Ann Lee and Bob Ray');
    expect(cardTexts(syncJob(0, undefined)).some((t) => /^Back in Entra ID \(\d+\): can be enabled again$/.test(t))).toBe(false);
    expect(cardActions(syncJob(0, undefined)).map((a) => a.title)).not.toContain('Show them');
  });
});
