import type { Db } from 'mongodb';
import { AccessAuditStore } from './accessAudit';
import { ApiTokenStore } from './apiTokens';
import { CalendarStore } from './calendars';
import { CaseViewerStore } from './caseViewers';
import { ChatAttachmentStore } from './chatAttachments';
import { ChatPresenceStore } from './chatPresence';
import { CatalogueAuditStore } from './catalogue/catalogueAudit';
import { CategoryStore } from './catalogue/categories';
import { ChatSiteStore } from './chatSites';
import { QueueStore } from './catalogue/queues';
import { SkillStore } from './catalogue/skills';
import { TeamStore } from './catalogue/teams';
import { ConsentStore } from './consents';
import { CustomerStore } from './customers';
import { CustomerStatsStore } from './customerStats';
import { DecisionStore } from './decisions';
import { KpiEventStore } from './kpiEvents';
import { LadderPresetStore } from './ladderPresets';
import { MacroStore } from './macros';
import { NotificationStore } from './notifications';
import { OutboxStore } from './outbox';
import { RoutingEventStore } from './routingEvents';
import { RuleSetStore } from './ruleSets';
import { SearchStore } from './search';
import { SecurityAuditStore } from './securityAudit';
import { SessionStore } from './sessions';
import { TaskStore } from './tasks';
import { TemplateStore } from './templates';
import { TimelineStore } from './timeline';
import { UserStore } from './users';

export interface Stores {
  customers: CustomerStore;
  customerStats: CustomerStatsStore;
  tasks: TaskStore;
  timeline: TimelineStore;
  outbox: OutboxStore;
  decisions: DecisionStore;
  notifications: NotificationStore;
  kpiEvents: KpiEventStore;
  ruleSets: RuleSetStore;
  calendars: CalendarStore;
  templates: TemplateStore;
  macros: MacroStore;
  users: UserStore;
  sessions: SessionStore;
  apiTokens: ApiTokenStore;
  securityAudit: SecurityAuditStore;
  ladderPresets: LadderPresetStore;
  queues: QueueStore;
  skills: SkillStore;
  teams: TeamStore;
  categories: CategoryStore;
  chatSites: ChatSiteStore;
  catalogueAudit: CatalogueAuditStore;
  routingEvents: RoutingEventStore;
  consents: ConsentStore;
  accessAudit: AccessAuditStore;
  caseViewers: CaseViewerStore;
  chatPresence: ChatPresenceStore;
  chatAttachments: ChatAttachmentStore;
  search: SearchStore;
}

export function createStores(db: Db): Stores {
  const tasks = new TaskStore(db);
  const users = new UserStore(db);
  const catalogueAudit = new CatalogueAuditStore(db);
  return {
    customers: new CustomerStore(db),
    customerStats: new CustomerStatsStore(db, tasks),
    tasks,
    timeline: new TimelineStore(db),
    outbox: new OutboxStore(db),
    decisions: new DecisionStore(db),
    notifications: new NotificationStore(db),
    kpiEvents: new KpiEventStore(db),
    ruleSets: new RuleSetStore(db),
    calendars: new CalendarStore(db),
    templates: new TemplateStore(db),
    macros: new MacroStore(db),
    users,
    sessions: new SessionStore(db),
    apiTokens: new ApiTokenStore(db),
    securityAudit: new SecurityAuditStore(db),
    ladderPresets: new LadderPresetStore(db),
    queues: new QueueStore(db, catalogueAudit, users),
    skills: new SkillStore(db, catalogueAudit, users),
    teams: new TeamStore(db, catalogueAudit),
    categories: new CategoryStore(db, catalogueAudit),
    chatSites: new ChatSiteStore(db, catalogueAudit),
    catalogueAudit,
    routingEvents: new RoutingEventStore(db),
    consents: new ConsentStore(db),
    accessAudit: new AccessAuditStore(db),
    caseViewers: new CaseViewerStore(db),
    chatPresence: new ChatPresenceStore(db),
    chatAttachments: new ChatAttachmentStore(db),
    search: new SearchStore(db),
  };
}

/** Creates indexes once at start-up; safe to repeat. */
export async function ensureIndexes(stores: Stores): Promise<void> {
  for (const store of Object.values(stores) as { ensureIndexes?: () => Promise<void> }[])
    await store.ensureIndexes?.();
}
