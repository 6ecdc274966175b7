/*
 * The staff cards, rendered with data as the services produce it (at the largest sizes they allow): the
 * fixtures of tests/unit/staffCards.contract.test.ts and of the verb contract (cardVerbs.contract.test.ts).
 */
import { staffCard } from '../../src/cards/staffCard';
import { staffConfirmCard, staffImportConfirmCard, staffOperationConfirmCard } from '../../src/cards/staffConfirmCard';
import { staffImportCard } from '../../src/cards/staffImportCard';
import { staffImportLinkCard } from '../../src/cards/staffImportLinkCard';
import { staffImportResultCard } from '../../src/cards/staffImportResultCard';
import { staffSourceProblemCard } from '../../src/cards/staffSourceProblemCard';
import { staffSourcesCard } from '../../src/cards/staffSourcesCard';
import type { AdaptiveCardJson } from '../../src/cards/render';
import type { StaffImportPageView, StaffImportRowView, StaffMemberView } from '../../src/services/staff';

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

export const importRow = (n: number, patch: Partial<StaffImportRowView> = {}): StaffImportRowView => ({
  id: String(29682880 + n),
  name: `Łukasz Wiśniewski-Østergaard ${n}`,
  email: n % 3 ? `lukasz.wisniewski.${n}@contoso-it-services.example` : null,
  jobTitle: 'Network Engineer',
  marks: n === 1 ? ['Guest'] : [],
  status: n % 4 === 0 ? 'matchesEmail' : n % 4 === 1 ? 'possibleMatch' : 'new',
  statusText:
    n % 4 === 0
      ? 'Matches Megan Bowen by email: importing links to them (keeps the role Super Admin). Afterwards Megan Bowen, meganb@contoso-it-services.example: name and email will follow Autotask PSA'
      : n % 4 === 1
        ? `Possible match: Łukasz Wiśniewski-Østergaard (lukasz.wisniewski.${n}@contoso-it-services.example), the same name, another email. Link or create?`
        : 'New',
  lastSynced: n % 4 === 0 ? '2025-01-02T03:04:05.000Z' : undefined,
  picked: n % 2 === 0,
  autoPicked: false,
  needsEmail: n % 3 === 0,
  emailValue: '',
  problem: n % 3 === 0 ? 'Give an email address to import this person.' : undefined,
  linkedByHand: n === 6,
  canLink: n !== 6,
  suggested: n % 4 === 1 && n !== 9 ? { staffId: `0b1c2d3e-4f50-4a61-8b72-c3d4e5f6${String(n).padStart(4, '0')}`, name: `Łukasz Wiśniewski-Østergaard ${n}` } : undefined,
  choseNew: n === 9,
  ...patch
});

export const pageView: StaffImportPageView = {
  sessionId: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6b',
  source: 'autotask',
  sourceLabel: 'Autotask PSA',
  peopleWord: 'resources',
  rows: Array.from({ length: 10 }, (_, i) => importRow(i)),
  selected: 12,
  selectedIds: Array.from({ length: 12 }, (_, i) => String(29682880 + i * 3)),
  allUnlinked: true,
  search: 'wiś',
  page: 1,
  pages: 3,
  matching: 25,
  everyone: 5000,
  truncated: true,
  fetchedAt: '2025-01-02T03:04:05.000Z',
  role: 'technician',
  roles: ['mspAdmin', 'technician']
};

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
  ['import page (10 rows, the largest)', staffImportCard(pageView, { text: 'Nobody is selected.', tone: 'attention' })],
  ['import page (empty)', staffImportCard({ ...pageView, rows: [], search: 'x', matching: 0 })],
  [
    'link to existing',
    staffImportLinkCard({
      sessionId: pageView.sessionId,
      rowId: '29682881',
      person: { externalId: '29682881', displayName: 'Patti Fernandez', email: null, jobTitle: 'Service Desk Lead', marks: [], member: true },
      sourceLabel: 'Autotask PSA',
      email: null,
      choices: Array.from({ length: 100 }, (_, i) => ({ id: member(i).id, title: `${member(i).displayName} (${member(i).email})` })),
      more: true
    })
  ],
  ['link to existing (nobody to link)', staffImportLinkCard({ sessionId: pageView.sessionId, rowId: '1', person: { externalId: '1', displayName: 'A', email: 'a@b.example', jobTitle: null, marks: [], member: true }, sourceLabel: 'Syncro', email: 'a@b.example', choices: [], more: false })],
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
