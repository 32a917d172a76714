import type { Db } from 'mongodb';
import { z } from 'zod';
import type { Actor } from '../../rules/actor';
import type { CatalogueAuditStore } from './catalogueAudit';
import { CatalogueCollection } from './catalogueCollection';
import { CatalogueIdSchema, LabelsSchema } from './catalogueFields';
import type { RemoveResult } from './usage';

/** A grouping of agents for supervisors; routing does not read it. */
export const TeamDocSchema = z.object({
  _id: CatalogueIdSchema,
  labels: LabelsSchema,
  /** User ids. */
  members: z
    .array(z.string().min(1))
    .refine((m) => new Set(m).size === m.length, { message: 'each member once' }),
});
export type TeamDoc = z.infer<typeof TeamDocSchema>;

export class TeamStore extends CatalogueCollection<TeamDoc> {
  constructor(db: Db, audit: CatalogueAuditStore) {
    super(db, 'teams', 'team', TeamDocSchema, audit);
  }

  /** Nothing depends on a team, so removing one is never refused. */
  async remove(id: string, actor: Actor): Promise<RemoveResult> {
    await this.delete(id, actor);
    return { ok: true };
  }

  /** The teams a user belongs to. */
  async ofMember(userId: string): Promise<TeamDoc[]> {
    return (await this.list()).filter((team) => team.members.includes(userId));
  }
}
