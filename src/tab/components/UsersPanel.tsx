import { useCallback, useEffect, useState } from 'react';
import {
  Button,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  SearchBox,
  Spinner,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  TabList,
  Text,
  tokens,
  useRestoreFocusTarget
} from '@fluentui/react-components';
import type { ActionResponse, UsersResponse, WireList, WireOperation, WireUser } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { CATEGORY_LABELS, OPERATION_TITLES, statusText } from '../labels';
import { AddUserDialog } from './AddUserDialog';
import { ChangeRoleDialog } from './ChangeRoleDialog';
import { ConfirmDialog } from './ConfirmDialog';

const CATEGORIES: WireList[] = ['enabled', 'unconfirmed', 'disabled', 'noAccess'];
/** Shown while anyone is back in Entra ID (disabled because of Entra ID, active there again), or while chosen. */
const BACK_IN_ENTRA: WireList = 'backInEntra';
const NARROW = '@media (max-width: 640px)';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', margin: `${tokens.spacingVerticalM} 0` },
  search: { flexGrow: 1, maxWidth: '24rem', [NARROW]: { maxWidth: 'none', width: '100%' } },
  wide: { [NARROW]: { display: 'none' } },
  narrowOnly: { display: 'none', [NARROW]: { display: 'block' } },
  muted: { color: tokens.colorNeutralForeground3 },
  email: { overflowWrap: 'anywhere', wordBreak: 'break-word', whiteSpace: 'normal', minWidth: 0 },
  paging: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
  categories: { overflowX: 'auto' },
  nameColumn: { width: '24%', [NARROW]: { width: '46%' } },
  emailColumn: { width: '30%' },
  roleColumn: { width: '14%' },
  statusColumn: { width: '17%', [NARROW]: { width: '30%' } },
  actionsColumn: { width: '15%', [NARROW]: { width: '24%' } }
});

type Pending = { user: WireUser; operation: WireOperation } | { add: true };

/**
 * The company's users by category (enabled, unconfirmed, disabled, without access, and back in Entra ID
 * while anyone is) with counts, search by name or email, and paging; on each row the actions the server
 * says apply now, in its order (Enable first for someone back in Entra ID). Every action is confirmed,
 * sent, and its outcome shown and announced; the list is then read again.
 */
export function UsersPanel(props: { api: Api; companyId: string; onResult(result: ActionResponse): void }) {
  const { api, companyId } = props;
  const styles = useStyles();
  const [category, setCategory] = useState<WireList>('enabled');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [tokensStack, setTokensStack] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<UsersResponse>();
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState<Pending>();
  const [reloads, setReloads] = useState(0);
  const token = tokensStack[tokensStack.length - 1];
  // Closing a dialog puts the focus back on the button that opened it.
  const restoreFocus = useRestoreFocusTarget();

  // Search as the person types, a moment after they stop.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  useEffect(() => setTokensStack([undefined]), [category, query, companyId]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const params = new URLSearchParams({ category });
    if (query) params.set('search', query);
    if (token) params.set('continuationToken', token);
    api
      .get<UsersResponse>(`/api/tab/companies/${encodeURIComponent(companyId)}/users?${params}`)
      .then((result) => {
        if (!current) return;
        setPage(result);
        setFailure(undefined);
      })
      .catch((error: unknown) => current && setFailure(error instanceof Error ? error.message : String(error)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, companyId, category, query, token, reloads]);

  const closed = useCallback(
    (result?: ActionResponse) => {
      setPending(undefined);
      if (!result) return;
      props.onResult(result);
      setReloads((n) => n + 1);
    },
    [props]
  );

  const users = page?.users ?? [];
  const lists = (page && page.counts.backInEntra > 0) || category === BACK_IN_ENTRA ? [...CATEGORIES, BACK_IN_ENTRA] : CATEGORIES;
  const nobody = category === BACK_IN_ENTRA ? 'Nobody is back in Entra ID waiting to be enabled.' : 'Nobody in this category.';
  return (
    <section aria-label="Portal users">
      <div className={styles.categories}>
        <TabList selectedValue={category} onTabSelect={(_, d) => setCategory(d.value as WireList)} aria-label="Categories">
          {lists.map((c) => (
            <Tab key={c} value={c}>
              {CATEGORY_LABELS[c]}
              {page ? ` (${page.counts[c]})` : ''}
            </Tab>
          ))}
        </TabList>
      </div>
      <div className={styles.toolbar}>
        <SearchBox className={styles.search} value={search} onChange={(_, d) => setSearch(d.value)} placeholder="Search by name or email" aria-label="Search by name or email" />
        {page && page.addRoles.length > 0 && (
          <Button appearance="primary" onClick={() => setPending({ add: true })} {...restoreFocus}>
            Add user
          </Button>
        )}
      </div>
      {failure && <Text role="alert">{failure}</Text>}
      {loading && <Spinner size="small" label="Loading users…" />}
      {!loading && !failure && users.length === 0 && <Text>{query ? `Nobody in this category matches “${query}”.` : nobody}</Text>}
      {users.length > 0 && (
        <Table aria-label={`${CATEGORY_LABELS[category]} portal users of ${page?.company.name ?? ''}`} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.nameColumn}>Name</TableHeaderCell>
              <TableHeaderCell className={`${styles.wide} ${styles.emailColumn}`}>Email</TableHeaderCell>
              <TableHeaderCell className={`${styles.wide} ${styles.roleColumn}`}>Role</TableHeaderCell>
              <TableHeaderCell className={styles.statusColumn}>Status</TableHeaderCell>
              <TableHeaderCell className={styles.actionsColumn}>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((user) => (
              <TableRow key={user.id} data-user-id={user.id}>
                <TableCell>
                  <Text weight="semibold">{user.displayName}</Text>
                  <Text block size={200} className={`${styles.narrowOnly} ${styles.muted}`}>
                    <span className={styles.email}>{user.email}</span> · {user.roleLabel}
                  </Text>
                </TableCell>
                <TableCell className={styles.wide}>
                  <span className={styles.email}>{user.email}</span>
                </TableCell>
                <TableCell className={styles.wide}>{user.roleLabel}</TableCell>
                <TableCell>{statusText(user)}</TableCell>
                <TableCell>
                  {user.operations.length > 0 ? (
                    <Menu>
                      <MenuTrigger disableButtonEnhancement>
                        <Button size="small" aria-label={`Actions for ${user.displayName}`} {...restoreFocus}>
                          Actions
                        </Button>
                      </MenuTrigger>
                      <MenuPopover>
                        <MenuList>
                          {user.operations.map((operation) => (
                            <MenuItem key={operation} onClick={() => setPending({ user, operation })}>
                              {OPERATION_TITLES[operation]}
                            </MenuItem>
                          ))}
                        </MenuList>
                      </MenuPopover>
                    </Menu>
                  ) : (
                    <Text className={styles.muted} aria-label="No actions available">
                      —
                    </Text>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div className={styles.paging}>
        {tokensStack.length > 1 && <Button onClick={() => setTokensStack((s) => s.slice(0, -1))}>Previous page</Button>}
        {page?.continuationToken && <Button onClick={() => setTokensStack((s) => [...s, page.continuationToken])}>Next page</Button>}
      </div>
      {pending && 'add' in pending && <AddUserDialog api={api} companyId={companyId} onClose={closed} />}
      {pending && 'user' in pending && pending.operation === 'changeRole' && <ChangeRoleDialog api={api} companyId={companyId} user={pending.user} onClose={closed} />}
      {pending && 'user' in pending && pending.operation !== 'changeRole' && (
        <ConfirmDialog api={api} companyId={companyId} user={pending.user} operation={pending.operation} onClose={closed} />
      )}
    </section>
  );
}
