/*
 * Cards rendered by their builders with data as the services produce it: the fixtures of the card
 * contract tests (tests/unit/cards.contract.test.ts) and of the verb contract (cardVerbs.contract.test.ts).
 */
import { createCommandRegistry } from '../../src/bot/commands';
import { helpCard } from '../../src/cards/helpCard';
import { noticeCard, resultCard } from '../../src/cards/noticeCard';
import { notStaffCard } from '../../src/cards/notStaffCard';
import type { AdaptiveCardJson } from '../../src/cards/render';
import { welcomeCard } from '../../src/cards/welcomeCard';
import { addUserCard } from '../../src/cards/addUserCard';
import { csvResultCard } from '../../src/cards/csvResultCard';
import { importCard } from '../../src/cards/importCard';
import { importLinkCard } from '../../src/cards/importLinkCard';
import { importPreviewCard } from '../../src/cards/importPreviewCard';
import { jobProgressCard } from '../../src/cards/jobProgressCard';
import { deleteApprovalCard } from '../../src/cards/deleteApprovalCard';
import { deleteCompanyCard } from '../../src/cards/deleteCompanyCard';
import { exactNamePattern } from '../../src/domain/companyName';
import type { DeleteRequest } from '../../src/store/model';
import { companiesCard } from '../../src/cards/companiesCard';
import { companyConfirmCard } from '../../src/cards/companyConfirmCard';
import { companyFormCard } from '../../src/cards/companyFormCard';
import { companyMessageCard, companyPickerCard } from '../../src/cards/companyPickerCard';
import { connectCompanyCard } from '../../src/cards/connectCompanyCard';
import { historyCard } from '../../src/cards/historyCard';
import { companyActionsFor, type CompanyListItem } from '../../src/services/companies/list';
import type { CompanyView } from '../../src/services/companies/view';


export const commands = createCommandRegistry().all();
export const IMPACT = { unassigned: { ticket: 5, asset: 3, invoice: 2, kbArticle: 1, quote: 0, project: 1, passwordEntry: 2 }, slaPolicies: 1, portalUsers: 12, invitations: 2 };
export const REQUEST: DeleteRequest = {
  id: 'r1', state: 'pending', companyName: 'Tailspin Toys', key: 'k1', impact: IMPACT,
  requestedBy: { staffId: 's1', displayName: 'Alex Wilber', tenantId: 't', objectId: 'o' },
  requestedAt: '2026-11-22T10:00:00.000Z', expiresAt: '2026-11-23T10:00:00.000Z'
} as DeleteRequest;

export const SUPER_ADMIN = { kind: 'staff', mspId: 'm', staffId: 's', role: 'superAdmin', displayName: 'Alex Wilber', tenantId: 'm', objectId: 'o' } as const;
export const COMPANY: CompanyView = { id: 'c1', mspId: 'm', name: 'Tailspin Toys', state: 'archived', stateLabel: 'Archived', isMspCompany: false, tenantId: 't', archivedAt: '2026-11-22T10:00:00.123Z', archivedBy: 'Alex Wilber', archiveReason: 'Contract ended.', etag: '"e"' };
const listItem = (view: CompanyView, portalUsers: number): CompanyListItem => ({ ...view, portalUsers, can: companyActionsFor(SUPER_ADMIN, view) });
export const COMPANY_LIST = companiesCard(
  {
    items: [
      listItem({ ...COMPANY, id: 'c0', name: 'Contoso IT Services', state: 'active', stateLabel: 'Active', isMspCompany: true, archivedAt: undefined, archiveReason: undefined }, 0),
      listItem({ ...COMPANY, id: 'c2', name: 'Fabrikam, Inc.', state: 'active', stateLabel: 'Active', archivedAt: undefined, archiveReason: undefined }, 7),
      listItem(COMPANY, 12)
    ],
    continuationToken: 'next',
    mayAdd: true
  },
  { view: 'all', back: [''] },
  { text: 'Done.', tone: 'good' }
);
export const HISTORY = historyCard(
  { companyName: 'Tailspin Toys', continuationToken: 'older', entries: [{ at: '2026-11-22T10:00:00.123Z', who: 'Alex Wilber', action: 'company.archive', actionLabel: 'Archived the company', target: 'Tailspin Toys', result: 'done', detail: 'Contract ended.' }] },
  { companyId: 'c1', person: 'alex', group: 'company', page: 'p2', back: [''] },
  'https://example.test/history/c1.csv?token=t'
);

export const RENDERED: [string, AdaptiveCardJson][] = [
  ['companies (all, a notice, paging)', COMPANY_LIST],
  ['company picker (11 companies)', companyPickerCard({ message: 'Pick one.', choices: Array.from({ length: 11 }, (_, i) => ({ name: `Company ${i}`, companyId: `c${i}` })), verb: 'users.show', data: (companyId) => ({ view: { companyId, category: 'enabled' } }) })],
  ['company refusal with facts', companyMessageCard({ title: 'Tailspin Toys is already archived', message: 'Nothing was changed.', facts: [{ title: 'Reason', value: 'Contract ended.' }] })],
  ['archive confirmation', companyConfirmCard({ company: { ...COMPANY, state: 'active', stateLabel: 'Active', archivedAt: undefined }, portalUsers: 3, operation: 'archive', view: { view: 'active' } })],
  ['restore confirmation', companyConfirmCard({ company: COMPANY, portalUsers: 3, operation: 'restore', view: { view: 'archived' } })],
  ['add company form, refused', companyFormCard({ mode: 'add', view: { view: 'active' }, values: { name: 'x' }, error: 'Taken.', fieldErrors: { name: 'Taken.' } })],
  ['rename form', companyFormCard({ mode: 'rename', view: { view: 'active' }, company: { id: 'c1', name: 'Tailspin Toys', etag: '"e"' } })],
  ['connect company', connectCompanyCard({ companyName: 'Adatum Corporation', reason: 'Not connected.', consentUrl: 'https://example.test/consent' })],
  ['history (filtered, paged, with the export link)', HISTORY],
  ['help (personal)', helpCard(commands, 'personal')],
  ['help (channel, with notice)', helpCard(commands, 'team', 'I did not understand "x".')],
  ['welcome', welcomeCard({ displayName: 'Zoë Ångström', roleLabel: 'Super Admin', mspName: 'Contoso IT Services', commands })],
  ['notStaff', notStaffCard('Contoso IT Services')],
  ['notice', noticeCard({ title: 'Done', message: 'Saved.', tone: 'done', facts: [{ title: 'Company', value: 'Fabrikam' }] })],
  ['result (refused)', resultCard({ status: 'refused', code: 'forbidden', message: 'No.' })],
  ['Entra import, with a row that needs an email', importCard({
    sessionId: 's1', audience: 'client', companyId: 'c1', companyName: 'Fabrikam, Inc.', sourceLabel: 'Microsoft Entra ID', peopleWord: 'people', picks: 0, picksOnOtherPages: 0, allUnlinked: false, useSignInNames: false, search: '', hasPrevious: false, hasNext: true, total: 2,
    roles: [{ title: 'User', value: 'user' }, { title: 'Manager', value: 'manager' }], invite: true,
    rows: [
      { id: 'u1', name: 'Ava Martin', email: 'ava@fabrikam.example', signInName: null, jobTitle: 'Buyer', marks: [], status: 'new', statusText: 'New', picked: true, autoPicked: false, pickable: true, needsEmail: false, emailValue: '', offers: { linkTo: true, createNew: false, undo: false, useSignInName: false } },
      { id: 'u3', name: 'Weg Straße', email: 'weg.Straße@fabrikam.example', signInName: null, jobTitle: null, marks: [], status: 'possibleMatch', statusText: 'Possible match: Weg Strasse (weg.strasse@fabrikam.example), the same email written differently. Link or create?', picked: false, autoPicked: false, pickable: true, needsEmail: false, emailValue: '', offers: { linkTo: true, linkSuggested: { userId: 'p1', name: 'Weg Strasse' }, createNew: true, undo: false, useSignInName: false } },
      { id: 'u2', name: 'Room 1', email: null, signInName: 'room1@fabrikam.onmicrosoft.example', jobTitle: null, marks: ['no mailbox'], status: 'new', statusText: 'New', picked: false, autoPicked: false, pickable: true, needsEmail: true, emailValue: '', offers: { linkTo: true, createNew: false, undo: false, useSignInName: true } }
    ]
  })],
  ['Entra import, "Link to…" a portal user', importLinkCard({
    sessionId: 's1', audience: 'client', companyId: 'c1', companyName: 'Fabrikam, Inc.', sourceLabel: 'Microsoft Entra ID', rowId: 'u3', search: 'weg', more: true, shown: 25,
    person: { name: 'Weg Straße', email: 'weg.Straße@fabrikam.example', signInName: null, jobTitle: 'Buyer' },
    choices: [{ id: 'p1', name: 'Weg Strasse', email: 'weg.strasse@fabrikam.example', status: 'Invited, not confirmed' }]
  })],
  ['Entra import, "Link to…" with nobody to link', importLinkCard({
    sessionId: 's1', audience: 'client', companyId: 'c1', companyName: 'Fabrikam, Inc.', sourceLabel: 'Microsoft Entra ID', rowId: 'u2', search: '', more: false, shown: 25,
    person: { name: 'Room 1', email: null, signInName: 'room1@fabrikam.onmicrosoft.example', jobTitle: null }, choices: []
  })],
  ['Entra import preview', importPreviewCard({
    sessionId: 's1', companyId: 'c1', companyName: 'Fabrikam, Inc.', role: 'user', invite: false, allUnlinked: false, leftOut: 0, notRead: 0, fingerprint: 'f1',
    create: [{ name: 'Ava Martin', email: 'ava@fabrikam.example' }], link: [{ name: 'Omar Larsen', email: 'omar@fabrikam.example', detail: 'Omar Larsen (portal)' }],
    update: [], unchanged: [], skip: [{ name: 'Kim Nomail', detail: 'No email address in Entra ID.' }], fail: []
  })],
  ['Entra import summary', jobProgressCard({
    id: 'j1', companyId: 'c1', mspId: 'm1', type: 'job', kind: 'entraImport', state: 'done', params: { companyName: 'Fabrikam, Inc.' },
    cursor: { offset: 2, page: 1, named: { created: ['Ava Martin', 'Noah Dubois'] } },
    progress: { done: 2, created: 2, linked: 0, updated: 0, unchanged: 0, invited: 0, disabled: 0, flagged: 0, skipped: {}, failed: 0 },
    attempts: 1, reportToken: 't', message: '2 created.', createdAt: '2026-01-02T03:04:05.678Z', finishedAt: '2026-01-02T03:04:07.000Z', updatedAt: '2026-01-02T03:04:07.000Z'
  } as never, { reportUrl: 'https://example.test/reports/c1/t' })],
  ['add user, a possible match asked about', addUserCard({
    companyName: 'Northwind Traders', roles: ['user', 'manager'], view: { companyId: 'c1', category: 'enabled' }, idempotencyKey: '00000000-0000-4000-8000-000000000001',
    values: { name: 'W. Straße', email: 'weg.Straße@northwind.example', role: 'user', invite: false },
    possibleMatch: { id: 'p1', text: 'Possible match: Weg Strasse (weg.strasse@northwind.example), the same email written differently. Is this the same person?' }
  })],
  ['CSV result, possible matches held (12, 10 listed)', csvResultCard({
    companyName: 'Northwind Traders', fileName: 'people.csv', rows: 14, created: 1, createdNames: ['Rosa Fresh'], invited: 0, skipped: [], notInvited: [],
    failed: [{ rowNumber: 3, email: 'x@', reason: 'The email address "x@" is not valid.' }],
    held: Array.from({ length: 10 }, (_, i) => ({ rowNumber: i + 4, name: `Person ${i}`, email: `person.${i}@other.example`, reason: `Possible match: Person ${i} (person.${i}@northwind.example), the same name, another email — create anyway?` })),
    heldCount: 12, reportUrl: 'https://example.test/reports/c1/t', reportToken: 't'.repeat(43)
  }, 'c1', { text: 'Created anyway: Omar Haddad.', tone: 'good' })],
  ['delete company (typed name)', deleteCompanyCard(
    { company: { id: 'c1', name: 'A+B (Holdings) $1', etag: '"e"' }, impact: IMPACT, namePattern: exactNamePattern('A+B (Holdings) $1'), approvalsChannelName: 'Approvals', validHours: 24 } as never,
    { view: 'archived' }
  )],
  ['delete approval (approver, in the channel)', deleteApprovalCard({ companyId: 'c1', companyName: 'Tailspin Toys', request: REQUEST, companyState: 'archived' }, 'approver', { refreshUserIds: ['29:a', '29:b'], notice: 'Nothing was changed.' })]
];
