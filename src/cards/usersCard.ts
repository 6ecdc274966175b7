import type { UserList } from '../domain/portalAccess';
import { OPERATION_TITLES } from '../domain/userOperationWords';
import type { UsersPage } from '../services/portalUsers/listUsers';
import type { PortalUserView } from '../services/portalUsers/view';
import { renderCard, type AdaptiveCardJson } from './render';
import { cardStatus } from './userStatus';
import { NOTICE_STYLE, USERS_PAGE_SIZE, type Notice, type UsersViewState } from './usersView';
import { CARD_VERBS } from './verbs';

const CATEGORY_TITLES: Record<UserList, string> = {
  enabled: 'Enabled',
  disabled: 'Disabled',
  unconfirmed: 'Unconfirmed',
  noAccess: 'No access',
  backInEntra: 'Back in Entra ID'
};

const EMPTY: Record<UserList, string> = {
  enabled: 'Nobody here has portal access yet.',
  disabled: 'No disabled users.',
  unconfirmed: 'No pending invitations.',
  noAccess: 'Everyone known here has portal access or an invitation.',
  backInEntra: 'Nobody is back in Entra ID waiting to be enabled.'
};

/**
 * The users card: categories with counts (and "Back in Entra ID" while anyone is), search, one row per
 * user with the actions that apply, paging.
 */
export function usersCard(page: UsersPage, view: UsersViewState, notice?: Notice): AdaptiveCardJson {
  const lists = (Object.keys(CATEGORY_TITLES) as UserList[]).filter((list) => list !== 'backInEntra' || page.counts.backInEntra > 0 || view.category === list);
  const categories = lists.map((category) => ({
    title: `${CATEGORY_TITLES[category]} (${page.counts[category]})`,
    style: category === view.category ? 'positive' : 'default',
    data: { view: { companyId: view.companyId, category, search: view.search } }
  }));
  const back = view.back ?? [];
  const footer = [
    ...(back.length
      ? [{ title: 'Previous page', verb: CARD_VERBS.users.show, data: { view: { ...view, page: back[back.length - 1] || undefined, back: back.slice(0, -1) } } }]
      : []),
    ...(page.continuationToken
      ? [{ title: 'Next page', verb: CARD_VERBS.users.show, data: { view: { ...view, page: page.continuationToken, back: [...back, view.page ?? ''] } } }]
      : []),
    ...(page.addRoles.length ? [{ title: 'Add user', verb: CARD_VERBS.users.addForm, data: { view } }] : [])
  ];
  const shown = page.users.length;
  const total = page.counts[view.category];
  const from = back.length * USERS_PAGE_SIZE + (shown ? 1 : 0);
  return renderCard('users', {
    companyName: page.company.name,
    archived: page.company.state !== 'active',
    notice: notice ? { text: notice.text, detail: notice.detail, style: NOTICE_STYLE[notice.tone] } : undefined,
    categories,
    search: view.search ?? '',
    searchData: { view: { companyId: view.companyId, category: view.category }, applySearch: true },
    summary: view.search
      ? `${CATEGORY_TITLES[view.category]} users matching "${view.search}": ${shown ? `${from}–${from + shown - 1}` : 'none'}`
      : `${CATEGORY_TITLES[view.category]}: ${shown ? `${from}–${from + shown - 1} of ${total}` : 'none'}`,
    rows: page.users.map((user) => userRow(user, view)),
    empty: view.search ? `Nobody matches "${view.search}".` : EMPTY[view.category],
    footer
  });
}

function userRow(user: PortalUserView, view: UsersViewState) {
  return {
    name: user.displayName,
    email: user.email,
    role: user.roleLabel,
    status: cardStatus(user),
    withheld: user.withheld,
    // One button on the row (the first operation that applies); the others, Delete among them, in its
    // overflow menu. Delete is red only on its confirmation.
    actions: user.operations.map((operation, index) => ({
      title: OPERATION_TITLES[operation],
      verb: CARD_VERBS.users.ask,
      style: 'default',
      mode: index === 0 && operation !== 'delete' ? 'primary' : 'secondary',
      data: { view, userId: user.id, etag: user.etag, operation }
    }))
  };
}
