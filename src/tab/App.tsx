import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Title3, tokens } from '@fluentui/react-components';
import type { MeResponse } from '../web/routes/tab/wire';
import { ApiError, createApi, type Api } from './api';
import { askConsent, forgetDevToken, needsConsent, startSession, type Session } from './auth';
import { readConfig } from './config';
import type { TeamsThemeName } from './theme';
import { CompanyPicker } from './components/CompanyPicker';
import { ProfilePanel } from './components/ProfilePanel';
import { Workspace } from './components/Workspace';

type State =
  | { kind: 'starting' }
  | { kind: 'outside' }
  | { kind: 'consent'; session: Extract<Session, { kind: 'teams' }>; message?: string }
  | { kind: 'refused'; title: string; message: string; dev: boolean }
  | { kind: 'ready'; api: Api; me: MeResponse; dev: boolean };

const useStyles = makeStyles({
  page: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`, maxWidth: '72rem', margin: '0 auto', '@media (max-width: 640px)': { padding: tokens.spacingHorizontalM } },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM },
  who: { color: tokens.colorNeutralForeground3 }
});

const TITLES: Record<string, string> = {
  paused: 'Portal access is paused',
  noAccess: 'No portal access',
  unknownUser: 'Not a portal user',
  notConnected: 'Organisation not connected',
  notStaff: 'Not on the staff',
  badToken: 'Signed out',
  signIn: 'Signed out'
};

/** Signs in (Teams single sign-on, or the development sign-in in embedded mode), then shows what the person's role allows. */
export function App(props: { onTheme(theme: TeamsThemeName): void }) {
  const styles = useStyles();
  const { onTheme } = props;
  const [state, setState] = useState<State>({ kind: 'starting' });
  const [companyId, setCompanyId] = useState<string>();

  const signIn = useCallback(async () => {
    setState({ kind: 'starting' });
    const session = await startSession(onTheme);
    if (session.kind === 'outside') return setState({ kind: 'outside' });
    onTheme(session.theme);
    const api = createApi(session.token);
    try {
      const me = await api.get<MeResponse>('/api/tab/me');
      setCompanyId(me.company?.id);
      setState({ kind: 'ready', api, me, dev: session.kind === 'dev' });
    } catch (error) {
      if (session.kind === 'teams' && !(error instanceof ApiError) && needsConsent(error)) return setState({ kind: 'consent', session });
      if (error instanceof ApiError) {
        if (error.status === 401 && session.kind === 'dev') forgetDevToken();
        return setState({ kind: 'refused', title: TITLES[error.code] ?? 'Not signed in', message: error.message, dev: session.kind === 'dev' });
      }
      setState({ kind: 'refused', title: 'Sign-in failed', message: `Microsoft Teams could not sign you in: ${error instanceof Error ? error.message : String(error)}`, dev: false });
    }
  }, [onTheme]);

  useEffect(() => void signIn(), [signIn]);

  const config = readConfig();
  return (
    <main className={styles.page}>
      {state.kind === 'starting' && <Spinner label="Signing in…" />}
      {state.kind === 'outside' && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Open this tab in Microsoft Teams</MessageBarTitle>
            It signs you in with your Teams account.
            {config.devSignIn && (
              <>
                {' '}
                Embedded mode: <Link href="/dev/tab-signin">development sign-in</Link>.
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'consent' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Your permission is needed</MessageBarTitle>
            {state.message ?? `Before the first use, allow ${config.mspName}'s portal to sign you in.`}{' '}
            <Button
              appearance="primary"
              onClick={() =>
                askConsent(state.session).then(
                  () => void signIn(),
                  (error: unknown) => setState({ ...state, message: `Sign-in was not completed (${error instanceof Error ? error.message : String(error)}). Try again, or ask your Microsoft 365 administrator.` })
                )
              }
            >
              Sign in and allow
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'refused' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{state.title}</MessageBarTitle>
            {state.message}
            {state.dev && (
              <>
                {' '}
                <Link href="/dev/tab-signin">Development sign-in</Link>
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'ready' && (
        <>
          <header className={styles.header}>
            <Title3 as="h1">{state.me.company ? `${state.me.company.name}` : `${state.me.mspName}: client portals`}</Title3>
            <Text className={styles.who}>
              {state.me.displayName} · {state.me.roleLabel}{' '}
              {state.dev && (
                <Badge appearance="tint" color="warning">
                  Development sign-in
                </Badge>
              )}
            </Text>
          </header>
          {state.me.acceptedInvitation && (
            <MessageBar intent="success">
              <MessageBarBody>Welcome! Your invitation is accepted and your portal access is active.</MessageBarBody>
            </MessageBar>
          )}
          {state.me.can.chooseCompany && <CompanyPicker api={state.api} value={companyId} onChange={setCompanyId} />}
          {state.me.can.listUsers && companyId ? (
            <Workspace key={companyId} api={state.api} me={state.me} companyId={companyId} />
          ) : (
            state.me.kind === 'portalUser' && <ProfilePanel profile={state.me.profile} company={state.me.company} />
          )}
        </>
      )}
    </main>
  );
}
