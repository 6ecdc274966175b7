import { useCallback, useState } from 'react';
import { Link, MessageBar, MessageBarBody, MessageBarTitle, Tab, TabList, makeStyles, tokens, useAnnounce } from '@fluentui/react-components';
import type { ActionResponse, MeResponse } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { CsvImportPanel } from './CsvImportPanel';
import { ImportPanel } from './ImportPanel';
import { HistoryPanel } from './HistoryPanel';
import { ProfilePanel } from './ProfilePanel';
import { UsersPanel } from './UsersPanel';

type Section = 'users' | 'history' | 'entra' | 'csv' | 'profile';

const useStyles = makeStyles({
  sections: { marginBottom: tokens.spacingVerticalM, overflowX: 'auto' },
  message: { marginBottom: tokens.spacingVerticalM }
});

const INTENT: Record<ActionResponse['status'], 'success' | 'info' | 'warning' | 'error'> = { done: 'success', noop: 'info', conflict: 'warning', refused: 'error' };

/**
 * One company's workspace: its users, its history, the CSV import and (for a portal user) their own
 * profile, each offered only when the person's role may use it. The outcome of every action is shown
 * in a message bar and announced to screen readers.
 */
export function Workspace(props: { api: Api; me: MeResponse; companyId: string }) {
  const { api, me, companyId } = props;
  const styles = useStyles();
  const { announce } = useAnnounce();
  const [section, setSection] = useState<Section>('users');
  const [result, setResult] = useState<ActionResponse>();

  const showResult = useCallback(
    (answer: ActionResponse) => {
      setResult(answer);
      announce(answer.message, { alert: answer.status === 'refused', polite: answer.status !== 'refused' });
    },
    [announce]
  );

  const entraDone = useCallback((message: string) => announce(message, { polite: true }), [announce]);

  const sections: [Section, string][] = [['users', 'Users']];
  if (me.can.history) sections.push(['history', 'History']);
  if (me.can.importEntra) sections.push(['entra', 'Import from Entra ID']);
  if (me.can.importCsv) sections.push(['csv', 'Import CSV']);
  if (me.kind === 'portalUser') sections.push(['profile', 'My profile']);

  return (
    <>
      <div className={styles.sections}>
        <TabList
          selectedValue={section}
          onTabSelect={(_, d) => {
            setSection(d.value as Section);
            setResult(undefined);
          }}
          aria-label="Sections"
        >
          {sections.map(([value, label]) => (
            <Tab key={value} value={value}>
              {label}
            </Tab>
          ))}
        </TabList>
      </div>
      {result && (
        <MessageBar className={styles.message} intent={INTENT[result.status]} data-testid="action-result">
          <MessageBarBody>
            <MessageBarTitle>{result.status === 'done' ? 'Done' : result.status === 'noop' ? 'Nothing to change' : result.status === 'conflict' ? 'Changed meanwhile' : 'Not done'}</MessageBarTitle>
            {result.message}
            {result.link && (
              <>
                {' '}
                <Link href={result.link} target="_blank">
                  Invitation link (embedded mode)
                </Link>
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {section === 'users' && <UsersPanel api={api} companyId={companyId} onResult={showResult} />}
      {section === 'history' && <HistoryPanel api={api} companyId={companyId} />}
      {section === 'entra' && <ImportPanel api={api} companyId={companyId} onDone={entraDone} />}
      {section === 'csv' && <CsvImportPanel api={api} companyId={companyId} onDone={showResult} />}
      {section === 'profile' && <ProfilePanel profile={me.profile} company={me.company} />}
    </>
  );
}
