import type { Db } from 'mongodb';
import { z } from 'zod';
import { skillsNamedBy } from '../../../rules/checks/checkCatalogue';
import { type Actor, requireManager } from '../../rules/actor';
import { RuleSetStore } from '../ruleSets';
import type { UserStore } from '../users';
import type { CatalogueAuditStore } from './catalogueAudit';
import { CatalogueCollection } from './catalogueCollection';
import { CatalogueIdSchema, LabelsSchema } from './catalogueFields';
import { findUsers, type RemoveResult, unused, type UsedBy } from './usage';

/** A skill rules ask for and agents have, at a level 1–5 (the levels live on both sides). */
export const SkillDocSchema = z.object({ _id: CatalogueIdSchema, labels: LabelsSchema });
export type SkillDoc = z.infer<typeof SkillDocSchema>;

export class SkillStore extends CatalogueCollection<SkillDoc> {
  private readonly ruleSets: RuleSetStore;

  constructor(
    db: Db,
    audit: CatalogueAuditStore,
    private readonly users: UserStore,
  ) {
    super(db, 'skills', 'skill', SkillDocSchema, audit);
    this.ruleSets = new RuleSetStore(db);
  }

  /** The rules asking for the skill, and the agents having it. */
  usedBy(id: string): Promise<UsedBy> {
    const has = (u: { routing: { skills: { skill: string }[] } }) =>
      u.routing.skills.some((s) => s.skill === id);
    return findUsers(this.ruleSets, this.users, skillsNamedBy, has, id);
  }

  /** Refused while a rule or an agent names the skill; the refusal says which. */
  async remove(id: string, actor: Actor): Promise<RemoveResult> {
    requireManager(actor, 'remove skills');
    const usedBy = await this.usedBy(id);
    if (!unused(usedBy)) return { ok: false, usedBy };
    await this.delete(id, actor);
    return { ok: true };
  }
}
