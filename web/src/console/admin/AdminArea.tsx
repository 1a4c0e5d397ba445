// Administration (admins; supervisors read most of it and manage calendars, rules and teams):
// one address per list and per record, /console/admin/<section>[/new|/<id>].
import type { ComponentType } from 'preact';
import { t } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { me } from '../../shared/session';
import { ConsolePage } from '../layout';
import { capabilitiesOf, type Capabilities } from '../roles';
import type { AdminSection } from '../routes';
import type { Role } from '../types';
import { AgreementsAdmin, PlansAdmin } from './PlansAdmin';
import { CalendarsAdmin } from './CalendarsAdmin';
import { CompetenciesAdmin, EntitlementsAdmin } from './VendorAdmin';
import { OrganizationsAdmin, UsersAdmin } from './DirectoryAdmin';
import { ProvidersAdmin } from './ProvidersAdmin';
import { RulesAdmin } from './RulesAdmin';
import { SettingsAdmin } from './SettingsAdmin';
import { TeamsAdmin } from './TeamsAdmin';

export interface SectionProps {
  item: string | null;
  can: Capabilities;
}

function sectionLabel(section: AdminSection): string {
  switch (section) {
    case 'calendars':
      return t('console.admin.section.calendars');
    case 'plans':
      return t('console.admin.section.plans');
    case 'agreements':
      return t('console.admin.section.agreements');
    case 'entitlements':
      return t('console.admin.section.entitlements');
    case 'competencies':
      return t('console.admin.section.competencies');
    case 'providers':
      return t('console.admin.section.providers');
    case 'rules':
      return t('console.admin.section.rules');
    case 'teams':
      return t('console.admin.section.teams');
    case 'users':
      return t('console.admin.section.users');
    case 'organizations':
      return t('console.admin.section.organizations');
    case 'settings':
      return t('console.admin.section.settings');
  }
}

const SECTIONS: { id: AdminSection; component: ComponentType<SectionProps> }[] = [
  { id: 'calendars', component: CalendarsAdmin },
  { id: 'plans', component: PlansAdmin },
  { id: 'agreements', component: AgreementsAdmin },
  { id: 'entitlements', component: EntitlementsAdmin },
  { id: 'competencies', component: CompetenciesAdmin },
  { id: 'providers', component: ProvidersAdmin },
  { id: 'rules', component: RulesAdmin },
  { id: 'teams', component: TeamsAdmin },
  { id: 'users', component: UsersAdmin },
  { id: 'organizations', component: OrganizationsAdmin },
  { id: 'settings', component: SettingsAdmin },
];

export default function AdminArea({ section, item }: { section: string | null; item: string | null }) {
  const role = (me.value?.role ?? 'agent') as Role;
  const can = capabilitiesOf(role);
  const current = SECTIONS.find((s) => s.id === section) ?? null;
  const title = current ? sectionLabel(current.id) : t('console.admin.title');
  const Component = current?.component;
  return (
    <ConsolePage title={title} wide>
      <div class="admin-layout">
        <nav class="admin-nav" aria-label={t('console.admin.nav')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <Link href={`/console/admin/${s.id}`} aria-current={s.id === section ? 'page' : undefined}>
                  {sectionLabel(s.id)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="admin-main">
          {Component ? (
            <Component key={`${section}/${item ?? ''}`} item={item} can={can} />
          ) : (
            <>
              <p>{t('console.admin.intro')}</p>
              <ul>
                {SECTIONS.map((s) => (
                  <li key={s.id}>
                    <Link href={`/console/admin/${s.id}`}>{sectionLabel(s.id)}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </ConsolePage>
  );
}
