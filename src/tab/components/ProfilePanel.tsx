import { Card, CardHeader, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { WireCompany, WireUser } from '../../web/routes/tab/wire';

const useStyles = makeStyles({
  cards: { display: 'grid', gap: tokens.spacingHorizontalL, gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))' },
  list: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' }
});

function Facts(props: { facts: [string, string | undefined][] }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {props.facts
        .filter(([, value]) => value)
        .map(([term, value]) => [
          <dt key={`${term}-t`} className={styles.term}>
            {term}
          </dt>,
          <dd key={`${term}-v`} className={styles.value}>
            {value}
          </dd>
        ])}
    </dl>
  );
}

/** A person's own profile and their company's details: all that Users and Training Only see. */
export function ProfilePanel(props: { profile?: WireUser; company?: WireCompany }) {
  const styles = useStyles();
  const { profile, company } = props;
  return (
    <section aria-label="My profile" className={styles.cards}>
      {profile && (
        <Card>
          <CardHeader header={<Text weight="semibold">My profile</Text>} />
          <Facts facts={[['Name', profile.displayName], ['Email', profile.email], ['Phone', profile.phone], ['Job title', profile.jobTitle], ['Company role', profile.roleLabel], ['Portal access', profile.status]]} />
        </Card>
      )}
      {company && (
        <Card>
          <CardHeader header={<Text weight="semibold">My company</Text>} />
          <Facts facts={[['Company', company.name], ['Website', company.website], ['Phone', company.phone]]} />
        </Card>
      )}
    </section>
  );
}
