/*
 * The staff cards, rendered with data as the services produce it (at the largest sizes they allow): the
 * fixtures of tests/unit/staffCards.contract.test.ts and of the verb contract (cardVerbs.contract.test.ts).
 */
import { staffCard } from '../../src/cards/staffCard';
import { staffConfirmCard, staffImportConfirmCard, staffOperationConfirmCard } from '../../src/cards/staffConfirmCard';
import { importCard } from '../../src/cards/importCard';
import { importLinkCard } from '../../src/cards/importLinkCard';
import { staffImportResultCard } from '../../src/cards/staffImportResultCard';
import { staffSourceProblemCard } from '../../src/cards/staffSourceProblemCard';
import { staffSourcesCard } from '../../src/cards/staffSourcesCard';
import type { AdaptiveCardJson } from '../../src/cards/render';
import type { StaffMemberView } from '../../src/services/staff';
import type { ImportPageView, ImportRowView } from '../../src/services/imports/view';

export const member = (n: number, patch: Partial<StaffMemberView> = {}): StaffMemberView => ({
  id: `0b1c2d3e-4f50-4a61-8b72-c3d4e5f6${String(n).padStart(4, '0')}`,
  etag: `"etag-${n}"`,
  displayName: `Søren Østergaard-Wiśniewski ${n}`,
  email: `soren.ostergaard-wisniewski.${n}@contoso-it-services.example`,
  jobTitle: 'Senior Service Desk Technician',
  role: 'technician',
  roleLabel: 'Technician',
  sources: ['ConnectWise Manage', 'Microsoft Entra ID'],
  linkStatus: 'waiting',
  linkText: 'Not linked yet: links by email at their first message to me',
  lastSyncedAt: '2025-01-02T03:04:05.000Z',
  isLastSuperAdmin: false,
  isYou: false,
  roles: ['mspAdmin', 'technician'],
  can: { changeRole: true, revoke: true },
  ...patch
});

export const importRow = (n: number, patch: Partial<ImportRowView> = {}): ImportRowView => ({
  id: String(29682880 + n),
  name: `Łukasz Wiśniewski-Østergaard ${n}`,
  email: n % 3 ? `lukasz.wisniewski.${n}@contoso-it-services.example` : null,
  jobTitle: 'Network Engineer',
  marks: n === 1 ? ['Guest'] : [],
  signInName: null,
  status: n % 4 === 0 ? 'matchesExisting' : n % 4 === 1 ? 'possibleMatch' : 'new',
  statusText:
    n % 4 === 0
      ? 'Matches Megan Bowen by email: importing links to them (keeps the role Super Admin). Afterwards Megan Bowen, meganb@contoso-it-services.example: name and email will follow Autotask PSA'
      : n % 4 === 1
        ? `Possible match: Łukasz Wiśniewski-Østergaard (lukasz.wisniewski.${n}@contoso-it-services.example), the same name, another email. Link or create?`
        : 'New',
  lastSynced: n % 4 === 0 ? '2025-01-02T03:04:05.000Z' : undefined,
  picked: n % 2 === 0,
  autoPicked: false,
  pickable: true,
  needsEmail: n % 3 === 0,
  emailValue: '',
  emailError: n % 3 === 0 ? 'Give an email address to import this person.' : undefined,
  offers: {
    linkTo: n !== 6,
    linkSuggested: n % 4 === 1 && n !== 9 ? { userId: `0b1c2d3e-4f50-4a61-8b72-c3d4e5f6${String(n).padStart(4, '0')}`, name: `Łukasz Wiśniewski-Østergaard ${n}` } : undefined,
    createNew: n % 4 === 1 && n !== 9,
    // Row 6 is linked by hand, row 9 a possible match created anew: both can be undone.
    undo: n === 6 || n === 9,
    useSignInName: false
  },
  ...patch
});

export const pageView: ImportPageView = {
  sessionId: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6b',
  audience: 'staff',
  companyId: 'msp-m1',
  companyName: 'Staff',
  sourceLabel: 'Autotask PSA',
  peopleWord: 'resources',
  rows: Array.from({ length: 10 }, (_, i) => importRow(i)),
  picks: 12,
  // Of the 12 selected, those not among the 10 rows shown.
  picksOnOtherPages: 8,
  allUnlinked: true,
  useSignInNames: false,
  search: 'wiś',
  hasPrevious: true,
  hasNext: true,
  total: 25,
  snapshot: { page: 1, pages: 3, everyone: 5000, truncated: true, fetchedAt: '2025-01-02T03:04:05.000Z' },
  role: 'technician',
  roles: [
    { title: 'MSP Admin', value: 'mspAdmin' },
    { title: 'Technician', value: 'technician' }
  ]
};

/** A staff import's "Link to existing staff" card, as the engine answers it (the row and choices given per card). */
export const linkView = { sessionId: pageView.sessionId, audience: 'staff', companyId: pageView.companyId, companyName: pageView.companyName, sourceLabel: 'Autotask PSA', shown: 100 } as const;

export const CARDS: [string, AdaptiveCardJson][] = [
  [
    'staff (a full page)',
    staffCard({
      mspName: 'Contoso IT Services',
      list: { members: Array.from({ length: 10 }, (_, i) => member(i, i === 0 ? { isYou: true, isLastSuperAdmin: true, role: 'superAdmin', roleLabel: 'Super Admin', can: { changeRole: false, revoke: false } } : {})), total: 40, everyone: 40, superAdmins: 1, page: 1, pages: 4, search: 'ø' },
      view: { search: 'ø', page: 1 },
      notice: { text: 'Søren is MSP Admin now.', tone: 'good' }
    })
  ],
  ['staff (empty search)', staffCard({ mspName: 'Contoso', list: { members: [], total: 0, everyone: 3, superAdmins: 1, page: 0, pages: 1, search: 'nobody' }, view: { search: 'nobody' } })],
  ['change role confirmation', staffOperationConfirmCard(member(1, { roles: ['superAdmin', 'mspAdmin', 'technician'], linkStatus: 'linked' }), 'changeRole', { page: 2 })],
  ['remove confirmation', staffOperationConfirmCard(member(2), 'revoke', {})],
  [
    'import confirmation',
    staffConfirmCard({
      question: 'Give 2 people the MSP Admin role?',
      facts: [{ title: 'New staff, as MSP Admin (2)', value: 'Patti Fernandez, Lynne Robbins' }],
      explanation: 'Read again when you confirm.',
      confirm: { title: 'Import', verb: 'staffImport.run', style: 'positive', data: { sessionId: pageView.sessionId, idempotencyKey: pageView.sessionId } },
      cancel: { title: 'Back to the import', verb: 'staffImport.page', data: { sessionId: pageView.sessionId, rowIds: [], move: 'stay' } }
    })
  ],
  [
    'import confirmation (from the preview)',
    staffImportConfirmCard({
      sessionId: pageView.sessionId,
      sourceLabel: 'Autotask PSA',
      role: 'mspAdmin',
      create: Array.from({ length: 12 }, (_, i) => `Łukasz Wiśniewski-Østergaard ${i}`),
      link: ['Patti Fernandez \u2192 Patti Fernandez'],
      update: ['Megan Bowen'],
      withoutEmail: ['Room 1'],
      emailTaken: ['Isaiah Langer'],
      held: ['Lynne Robbins (possible match: Lynne Robbins)']
    })
  ],
  [
    'sources',
    staffSourcesCard([
      { source: 'entra', label: 'Microsoft Entra ID', people: 'users of your own tenant', ready: true },
      { source: 'connectwise', label: 'ConnectWise Manage', people: 'members', ready: false, problem: 'ConnectWise Manage is not configured. To import staff from it, set CONNECTWISE_SITE, CONNECTWISE_COMPANY_ID.' },
      { source: 'halo', label: 'Halo PSA', people: 'agents', ready: true },
      { source: 'autotask', label: 'Autotask PSA', people: 'resources', ready: true },
      { source: 'syncro', label: 'Syncro', people: 'technicians', ready: true }
    ])
  ],
  ['source problem (credentials)', staffSourceProblemCard({ kind: 'credentialRejected', source: 'syncro', title: 'Syncro refused the credentials', message: 'Syncro rejected the configured credentials (HTTP 401). Check SYNCRO_API_KEY.', variables: ['SYNCRO_API_KEY'] })],
  ['source problem (unavailable)', staffSourceProblemCard({ kind: 'unavailable', source: 'halo', title: 'Halo PSA is unavailable', message: 'Try later.', variables: [] })],
  ['import page (10 rows, the largest)', importCard(pageView, { text: 'Nobody is selected.', tone: 'attention' })],
  ['import page (empty)', importCard({ ...pageView, rows: [], search: 'x', total: 0, picksOnOtherPages: 12 })],
  [
    'link to existing',
    importLinkCard({
      ...linkView,
      rowId: '29682881',
      person: { name: 'Patti Fernandez', email: null, signInName: null, jobTitle: 'Service Desk Lead' },
      email: null,
      choices: Array.from({ length: 100 }, (_, i) => ({ id: member(i).id, name: member(i).displayName, email: member(i).email ?? null })),
      more: true
    })
  ],
  ['link to existing (nobody to link)', importLinkCard({ ...linkView, sourceLabel: 'Syncro', rowId: '1', person: { name: 'A', email: 'a@b.example', signInName: null, jobTitle: null }, email: 'a@b.example', choices: [], more: false })],
  [
    'import summary',
    staffImportResultCard({
      kind: 'done',
      sourceLabel: 'Halo PSA',
      sessionId: pageView.sessionId,
      replayed: false,
      summary: {
        created: 20,
        linked: 5,
        updated: 3,
        unchanged: 2,
        skipped: 3,
        failed: 1,
        boundNow: 18,
        rows: Array.from({ length: 34 }, (_, i) => ({ name: `Søren Østergaard ${i}`, email: `soren.${i}@contoso-it-services.example`, outcome: i % 2 ? 'created' : 'skipped', reason: i % 2 ? 'MSP Admin; links by email at their first message' : 'no email: type one on the card to import this person' }))
      }
    })
  ]
];
