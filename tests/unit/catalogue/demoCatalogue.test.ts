import { describe, expect, it } from 'vitest';
import { checkRuleSet } from '../../../rules/checks/checkRuleSet';
import { defaultRuleSet } from '../../../rules/defaults/defaultRuleSet';
import { demoQueues, demoSkills } from '../../../worker/seed/demoCatalogue';
import { demoUsers } from '../../../worker/seed/demoUsers';
import { QueueDocSchema } from '../../../worker/store/catalogue/queues';
import { SkillDocSchema } from '../../../worker/store/catalogue/skills';
import { UserSchema } from '../../../worker/store/users';

describe('demo catalogue', () => {
  it('has 6 queues, 8 skills and 8 agents besides the three demo logins, all valid', () => {
    expect(demoQueues.map((q) => QueueDocSchema.parse(q))).toEqual(demoQueues);
    expect(demoSkills.map((s) => SkillDocSchema.parse(s))).toEqual(demoSkills);
    expect([demoQueues.length, demoSkills.length]).toEqual([6, 8]);
    const users = demoUsers.map(({ password: _p, ...user }) => UserSchema.parse(user));
    expect(users.filter((u) => u.role === 'agent' && u._id !== 'agent')).toHaveLength(8);
    expect(users.map((u) => u._id)).toEqual(
      expect.arrayContaining(['manager', 'supervisor', 'agent']),
    );
  });

  it('names only its own queues and skills, and the default rule set passes the publish checks', () => {
    const queues = demoQueues.map((q) => q._id);
    const skills = demoSkills.map((s) => s._id);
    for (const { password, ...user } of demoUsers) {
      const { routing } = UserSchema.parse(user);
      expect(queues).toEqual(expect.arrayContaining(routing.queues));
      expect(skills).toEqual(expect.arrayContaining(routing.skills.map((s) => s.skill)));
      expect(password).toBe(`relais-${user._id}`);
    }
    const issues = checkRuleSet(defaultRuleSet, undefined, { queues, skills, severity: 'error' });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('gives every queue an agent who serves it, and agents different skills, languages and capacities', () => {
    const agents = demoUsers.map(({ password: _p, ...user }) => UserSchema.parse(user));
    for (const queue of demoQueues)
      expect(agents.some((a) => a.routing.queues.includes(queue._id))).toBe(true);
    const distinct = (f: (a: (typeof agents)[number]) => unknown) =>
      new Set(agents.filter((a) => a.role === 'agent').map((a) => JSON.stringify(f(a)))).size;
    expect(distinct((a) => a.routing.skills)).toBeGreaterThanOrEqual(8);
    expect(distinct((a) => a.routing.langs)).toBeGreaterThanOrEqual(3);
    expect(distinct((a) => a.routing.capacity)).toBeGreaterThanOrEqual(5);
  });
});
